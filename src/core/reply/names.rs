//! The buyer's given name, for "Dear John".
//!
//! Names arrive in every shape: "Mr. John Smith", "SMITH John" (family name in
//! capitals first), "john.smith@example.com", "JOHN SMITH", "王伟",
//! "Mohammed bin Salman Al Saud", or a company name typed into the name field.
//! We return the name to greet with, or `None` when there is no person's name to
//! use — the reply then uses a polite form instead of a wrong name.

use crate::core::inquiry::Buyer;

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "madame", "mme", "prof", "eng", "engr",
    "sheikh", "sr", "sra", "srta", "don", "doña", "herr", "frau", "m", "mlle", "sig", "dear", "hi",
    "hello",
];

const COMPANY_WORDS: &[&str] = &[
    "ltd",
    "llc",
    "inc",
    "co",
    "corp",
    "corporation",
    "company",
    "trading",
    "group",
    "gmbh",
    "limited",
    "industries",
    "industrial",
    "enterprise",
    "enterprises",
    "team",
    "dept",
    "department",
    "procurement",
    "purchasing",
    "center",
    "centre",
    "logistics",
    "import",
    "export",
    "imports",
    "exports",
    "store",
    "shop",
    "sourcing",
    "sa",
    "srl",
    "sarl",
    "pty",
    "plc",
    "bv",
    "ag",
    "s.a",
    "sdn",
    "bhd",
    "docs",
    "shared",
    "payment",
    "admin",
    "support",
    "service",
    "services",
];

const GENERIC_MAILBOXES: &[&str] = &[
    "info",
    "sales",
    "admin",
    "contact",
    "purchase",
    "purchasing",
    "office",
    "service",
    "support",
    "mail",
    "hello",
    "enquiry",
    "inquiry",
    "import",
    "export",
    "buyer",
    "procurement",
    "order",
    "orders",
    "marketing",
    "hr",
    "noreply",
];

/// The polite form used when there is no given name.
pub const POLITE_FALLBACK: &str = "Sir or Madam";

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3040}'..='\u{30ff}').contains(&c)
        || ('\u{ac00}'..='\u{d7af}').contains(&c)
}

/// Small letters whose capital is not one of [`capital_of`]'s steps below them.
const CAPITALS_APART: [(char, char); 10] = [
    ('ÿ', 'Ÿ'),
    ('ı', 'I'),
    ('ς', 'Σ'),
    ('ά', 'Ά'),
    ('έ', 'Έ'),
    ('ή', 'Ή'),
    ('ί', 'Ί'),
    ('ό', 'Ό'),
    ('ύ', 'Ύ'),
    ('ώ', 'Ώ'),
];

/// The capital of the small letter `c` as a name starts with it, in the scripts names
/// are written in with capitals (Latin with Vietnamese, Greek, Cyrillic, Armenian): the
/// letter 32, 1, 80 or 48 code points below (checked against the lower-case table the
/// engine carries anyway) or one of [`CAPITALS_APART`]; else `c` itself. The standard
/// library's `to_uppercase` knows every script, and its own table is 5.9 KB of the
/// engine's gzipped download, for the first letter of a name.
fn capital_of(c: char) -> char {
    if let Some(&(_, capital)) = CAPITALS_APART.iter().find(|(small, _)| *small == c) {
        return capital;
    }
    [32u32, 1, 80, 48]
        .into_iter()
        .filter_map(|step| char::from_u32((c as u32).checked_sub(step)?))
        .find(|&capital| capital.is_uppercase() && capital.to_lowercase().eq([c]))
        .unwrap_or(c)
}

/// "jOHN" → "John"; names already in mixed case are kept ("McDonald", "DeShawn").
fn title_case(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.iter().all(|c| c.is_uppercase());
    let all_lower = letters.iter().all(|c| c.is_lowercase());
    if !(all_upper || all_lower) {
        return word.to_string();
    }
    let mut out = String::new();
    let mut start = true;
    for c in word.chars() {
        if start {
            out.push(capital_of(c));
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-' || c == '\'';
    }
    out
}

/// The given name in a display name, if there is a person's name in it.
pub fn given_name_from(name: &str) -> Option<String> {
    let name: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        })
        .collect();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return None;
    }
    if name.contains('@') {
        return given_name_from_email(name);
    }
    // Chinese, Japanese and Korean names are used whole: "王伟", "李小龙".
    if name.chars().filter(|c| !c.is_whitespace()).all(is_cjk) {
        return Some(name.split_whitespace().collect());
    }
    let words: Vec<&str> = name
        .split([' ', ',', '\t'])
        .map(|w| w.trim_matches(['.', '(', ')', '"']))
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| COMPANY_WORDS.contains(&w.to_lowercase().trim_end_matches('.')))
    {
        return None;
    }
    let words: Vec<&str> = words
        .into_iter()
        .filter(|w| !TITLES.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let upper = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 1
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
    };
    // "SMITH John": the family name in capitals comes first, the given name is the other.
    if words.len() >= 2 && upper(words[0]) && !words[1..].iter().all(|w| upper(w)) {
        let given = words[1..].iter().find(|w| !upper(w))?;
        return Some(title_case(given));
    }
    let first = words[0];
    // "A. Rahman": an initial is not a name to greet with; use the whole name.
    if first.chars().filter(|c| c.is_alphabetic()).count() <= 1 {
        let rest: Vec<String> = words[1..].iter().map(|w| title_case(w)).collect();
        return if rest.is_empty() {
            None
        } else {
            Some(format!("{} {}", title_case(first), rest.join(" ")).replace("  ", " "))
        };
    }
    // Arabic names that open with the family article: "Al-Harbi Ahmed".
    let lower = first.to_lowercase();
    if (lower.starts_with("al-") || lower.starts_with("el-")) && words.len() >= 2 {
        return Some(title_case(words[1]));
    }
    Some(title_case(first))
}

/// The given name in an e-mail address: "john.smith@x.com" → "John".
pub fn given_name_from_email(email: &str) -> Option<String> {
    let local = email
        .trim()
        .trim_start_matches('<')
        .split('@')
        .next()?
        .to_lowercase();
    let first = local.split(['.', '_', '-', '+']).find(|p| !p.is_empty())?;
    let first: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
    if first.chars().count() < 2 || GENERIC_MAILBOXES.contains(&first.as_str()) {
        return None;
    }
    Some(title_case(&first))
}

/// The name to greet the buyer with: from the name, else the e-mail address.
pub fn given_name(buyer: Option<&Buyer>) -> Option<String> {
    let buyer = buyer?;
    buyer
        .name
        .as_deref()
        .and_then(given_name_from)
        .or_else(|| buyer.email.as_deref().and_then(given_name_from_email))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small letters no name starts with (symbols, digraphs, phonetic and historic
    /// letters, letters whose capital is two letters): `capital_of` may leave them.
    const NO_NAME_STARTS_WITH: &str = "µßŉſƀƕƚƛƞƿǆǉǌǝǰǳȿɀͻͼͽΐΰϐϑϕϖϗϰϱϲϳϵӏևẖẗẘẙẚẛ";

    #[test]
    fn a_name_starts_with_the_capital_the_standard_library_gives() {
        let blocks = [
            0x0000..0x0250, // Latin
            0x0370..0x0400, // Greek
            0x0400..0x0530, // Cyrillic
            0x0530..0x0590, // Armenian
            0x1E00..0x1F00, // Latin Extended Additional (Vietnamese)
        ];
        let mut checked = 0;
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            if !c.is_lowercase() || NO_NAME_STARTS_WITH.contains(c) {
                continue;
            }
            let want: String = c.to_uppercase().collect();
            assert_eq!(capital_of(c).to_string(), want, "{c} (U+{:04X})", c as u32);
            checked += 1;
        }
        assert!(checked > 500, "only {checked} letters checked");
        // Scripts without capitals keep their letters.
        assert_eq!(capital_of('王'), '王');
        assert_eq!(capital_of('م'), 'م');
    }

    #[test]
    fn given_names_in_many_shapes() {
        for (name, want) in [
            ("Mr. John Smith", Some("John")),
            ("SMITH John", Some("John")),
            ("JOHN SMITH", Some("John")),
            ("john smith", Some("John")),
            ("Dr. Felix Okoro", Some("Felix")),
            ("Mrs Keisha Monroe", Some("Keisha")),
            ("Lucía Fernández", Some("Lucía")),
            ("Алексей Смирнов", Some("Алексей")),
            ("王伟", Some("王伟")),
            ("林 美玲", Some("林美玲")),
            ("Mohammed bin Salman Al Saud", Some("Mohammed")),
            ("Al-Harbi Ahmed", Some("Ahmed")),
            ("A. Rahman", Some("A Rahman")),
            ("DeShawn McDonald", Some("DeShawn")),
            ("Jean-pierre", Some("Jean-pierre")),
            ("ABC Trading Co., Ltd", None),
            ("Procurement Team", None),
            ("Shenzhen Swift Cargo Co., Ltd.", None),
            ("", None),
            ("john.smith@example.com", Some("John")),
            ("buyer123", None),
        ] {
            assert_eq!(given_name_from(name).as_deref(), want, "{name:?}");
        }
    }

    #[test]
    fn e_mail_fallback_and_generic_mailboxes() {
        assert_eq!(
            given_name_from_email("maria_garcia@x.es").as_deref(),
            Some("Maria")
        );
        assert_eq!(given_name_from_email("sales@x.com"), None);
        let buyer = Buyer {
            name: Some("Global Sourcing Ltd".into()),
            email: Some("tom.lee@gs.example".into()),
            ..Buyer::default()
        };
        assert_eq!(given_name(Some(&buyer)).as_deref(), Some("Tom"));
    }
}
