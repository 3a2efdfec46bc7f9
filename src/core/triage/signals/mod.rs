//! Detecting the evidence: each function looks at one aspect of an inquiry and
//! reports the rule codes it found, with a short detail naming the thing seen.
//!
//! Everything works on one lower-cased copy of the text, capped in size, so a
//! hostile 1 MB body or thousands of links cost bounded time. Patterns are
//! compiled once. Buyer languages other than English are covered where the sign
//! is phrased in words (greetings, quantities, delivery questions); structural
//! signs (links, attachments, profile numbers) do not depend on language.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

pub mod mechanisms;
pub mod unmask;

use crate::core::inquiry::{Buyer, Inquiry, Sender};
use crate::core::pattern::Pattern;
use crate::core::text::{pattern, pattern_set, LINK_WWW};
use crate::core::triage::rules::Code;

/// At most this many bytes of text are scanned.
pub const MAX_SCAN_BYTES: usize = 64 * 1024;
/// At most this many links are examined.
pub const MAX_LINKS: usize = 200;
/// A text with more links than this is a page of links (a newsletter, a digest): a
/// lure sends the reader to one place, so sign-in wording among them is not a
/// credential lure unless the link goes to a bare address or a look-alike host. (SpamAssassin: 7 ham and 2 spam had a credential link among
/// more; the 2 spam stay spam on their other evidence.)
pub const MANY_LINKS_OVER: usize = 6;
/// A button whose text is not its target is read among at most this many links.
pub const FEW_BUTTON_LINKS: usize = 3;

/// A rule that fired, with what it saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Rule code (see `rules.rs`).
    pub code: Code,
    /// The specific thing seen (a host, a file name), if any.
    pub detail: Option<String>,
}

fn hit(code: Code) -> Hit {
    Hit { code, detail: None }
}

fn hit_on(code: Code, detail: impl Into<String>) -> Hit {
    let detail = detail.into();
    if detail.is_empty() {
        return hit(code);
    }
    Hit {
        code,
        // Written out, not performed: a zero-width character inside a host name is
        // the very thing the rep should see.
        detail: Some(crate::core::text::clip(
            &crate::core::text::reveal_invisible(&detail),
            80,
        )),
    }
}

/// Characters of a body read for its share of capitals.
const CASE_CHARS: usize = 4096;

/// The text of an inquiry prepared once for all detectors.
pub struct Text {
    /// Subject and body, lower-cased, capped.
    pub lower: String,
    /// Where the body starts in `lower`.
    pub body_start: usize,
    /// Letters in the original (for the capitals ratio).
    pub letters: usize,
    /// Upper-case letters in the original.
    pub upper: usize,
}

impl Text {
    /// The body, lower-cased.
    pub fn lower_body(&self) -> &str {
        &self.lower[self.body_start..]
    }

    /// The subject, lower-cased, when there is one.
    pub fn lower_subject(&self) -> Option<&str> {
        (self.body_start > 0).then(|| &self.lower[..self.body_start - 1])
    }

    /// Prepares subject and body.
    pub fn new(inquiry: &Inquiry) -> Text {
        let body = cap(&inquiry.body, MAX_SCAN_BYTES);
        let mut lower = String::with_capacity(body.len() + 64);
        if let Some(s) = &inquiry.subject {
            push_read(&mut lower, cap(s, 1024));
            lower.push('\n');
        }
        let body_start = lower.len();
        push_read(&mut lower, body);
        let (mut letters, mut upper) = (0, 0);
        let head = &inquiry.body.as_bytes()[..inquiry.body.len().min(CASE_CHARS)];
        if crate::core::text::NATIVE && head.is_ascii() {
            // One byte a character: the first characters are the first bytes.
            for b in head {
                letters += usize::from(b.is_ascii_alphabetic());
                upper += usize::from(b.is_ascii_uppercase());
            }
        } else {
            for c in inquiry.body.chars().take(CASE_CHARS) {
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
            }
        }
        Text {
            lower,
            body_start,
            letters,
            upper,
        }
    }
}

/// Appends `s` as it reads: lower-cased and unmasked ([`unmask`]).
fn push_read(out: &mut String, s: &str) {
    let start = out.len();
    push_lowercase(out, s);
    if let Some(plain) = unmask::unmask(&out[start..]) {
        out.truncate(start);
        out.push_str(&plain);
    }
}

/// Appends `s` lower-cased (ASCII text without a per-character table lookup), without
/// the characters that hide inside words and with full-width letters as ASCII
/// ([`unmask::push_lower_visible`]).
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.reserve(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            unmask::push_lower_visible(out, c, chars.peek().copied());
        }
    }
}

/// The longest prefix of `s` within `max` bytes, on a character boundary.
pub fn cap(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// --- links -----------------------------------------------------------------------------

// A link as typed: with its scheme or `www.`, or, as chat and quick forms carry them,
// a bare host with a path (`secure-center.example/login`): the path makes it an
// address, where a bare `name.tld` may be a file or an abbreviation.
pattern!(
    URL,
    r#"(?:https?://|www\.)[^\s<>"'()\[\]{}]+|(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^\s<>"'()\[\]{}]*"#
);
pattern!(
    LINK_TEXT_PAIR,
    r"([a-z0-9][a-z0-9.-]*\.[a-z]{2,})\s*\((https?://[^)\s]+)\)"
);
// An HTML link, `href="https://real/…" …>shown<`, as mail pasted with its markup
// shows it. Every match begins with `href`, so a message without one skips the search.
pattern!(
    HTML_LINK,
    r#"href\s*=\s*["']?https?://[^"'\s>]+["']?[^>]{0,200}>[^<]{1,200}<"#
);
pattern!(
    CREDENTIAL_WORDS,
    r"(?-u:\b)(?:(?:sign|log)[ -]?in (?:with|to|using) your|login (?:with|to) your|(?:enter|type|provide|confirm) (?:your )?(?:e-?mail )?(?:address and )?password|e-?mail password|your password|verify your (?:account|email|identity)|enter your (?:email|e-mail|user ?name|credentials|login)|confirm your (?:account|identity|password)|webmail (?:login|account)|credentials)(?-u:\b)"
);
pattern!(
    CREDENTIAL_PATH,
    r"(?:login|log-in|signin|sign-in|logon|verify|verification|account|password|passwd|webmail|auth|session|secure|validate|wp-admin)"
);

/// Sites that phishers imitate, by their own registrable domains; the platform first.
const BRANDS: &[(&str, &[&str])] = &[
    (
        "alibaba",
        &[
            "alibaba.com",
            "alibaba-inc.com",
            "alibabagroup.com",
            "alicdn.com",
            "aliexpress.com",
            "1688.com",
            "alibaba.com.cn",
        ],
    ),
    (
        "aliexpress",
        &["aliexpress.com", "aliexpress.us", "aliexpress.ru"],
    ),
    ("dhl", &["dhl.com", "dhl.de", "dhl.co.uk"]),
    ("fedex", &["fedex.com"]),
    ("maersk", &["maersk.com"]),
    ("wetransfer", &["wetransfer.com", "we.tl"]),
    ("dropbox", &["dropbox.com"]),
    ("docusign", &["docusign.com", "docusign.net"]),
    ("sharepoint", &["sharepoint.com", "microsoft.com"]),
    (
        "onedrive",
        &["live.com", "microsoft.com", "sharepoint.com", "1drv.ms"],
    ),
    (
        "office365",
        &["office.com", "microsoft.com", "office365.com"],
    ),
    ("paypal", &["paypal.com"]),
    ("feishu", &["feishu.cn", "larksuite.com"]),
    ("dingtalk", &["dingtalk.com"]),
    ("baidu", &["baidu.com"]),
    ("worldfirst", &["worldfirst.com"]),
    ("payoneer", &["payoneer.com"]),
    ("alipay", &["alipay.com"]),
    ("figma", &["figma.com"]),
    // Brands from here on are plain words too ("outlook", "ups" also name innocent
    // sites): their name in another host is no imitation.
    ("ups", &["ups.com"]),
    ("cosco", &["coscoshipping.com", "cosco.com"]),
    ("msc", &["msc.com"]),
    ("outlook", &["outlook.com", "live.com", "microsoft.com"]),
    ("adobe", &["adobe.com"]),
];

/// The first this many [`BRANDS`] are distinctive enough that their presence in
/// someone else's host is an imitation.
const IMITATED: usize = 19;

/// File-sharing and mail providers: buyers use them too, so this is weak evidence.
const FILE_SHARE: &[&str] = &[
    "wetransfer.com",
    "we.tl",
    "dropbox.com",
    "drive.google.com",
    "docs.google.com",
    "onedrive.live.com",
    "1drv.ms",
    "sharepoint.com",
    "mega.nz",
    "mediafire.com",
    "box.com",
    "icloud.com",
    "mail.google.com",
    "mail.yahoo.com",
];

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "goo.gl",
    "t.co",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "cutt.ly",
    "rebrand.ly",
    "shorturl.at",
    "rb.gy",
    "t.ly",
    "tiny.cc",
    "s.id",
    "v.gd",
    "urlz.fr",
    "shorte.st",
    "adf.ly",
];

/// The host of a URL found in text, lower-case, without port or credentials.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    host.trim_end_matches('.')
}

/// The two parts of a [`LINK_TEXT_PAIR`] match, `shown.host (https://real/...)`: the
/// host the text shows and the URL in the brackets. The pattern's first part is a
/// run of `[a-z0-9.-]` and its URL runs from the bracket to the closing one, so both
/// are read off the match without capture groups.
fn link_text_pair(pair: &str) -> (&str, &str) {
    let shown_end = pair
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(pair.len());
    let (shown, rest) = pair.split_at(shown_end);
    let url = rest.split_once('(').map_or("", |(_, url)| url);
    (shown, url.strip_suffix(')').unwrap_or(url))
}

/// The two parts of an [`HTML_LINK`] match: the text the link shows and its URL.
fn html_link_pair(pair: &str) -> (&str, &str) {
    let after = pair
        .trim_start_matches("href")
        .trim_start()
        .trim_start_matches('=')
        .trim_start()
        .trim_start_matches(['"', '\'']);
    let url_end = after
        .find(|c: char| c == '"' || c == '\'' || c == '>' || c.is_whitespace())
        .unwrap_or(after.len());
    let shown = after.rsplit_once('>').map_or("", |(_, s)| s);
    (shown.trim_end_matches('<').trim(), &after[..url_end])
}

/// The site a link's shown text names, when it names one: a URL's or a bare host's
/// registrable part, else a brand of [`BRANDS`] named as a word ("Open in OneDrive"),
/// with the domains it owns.
fn shown_site(shown: &str) -> Option<(String, &'static [&'static str])> {
    let first = shown.split_whitespace().find(|w| w.contains('.'));
    if let Some(word) = first.filter(|w| w.contains("://") || !w.ends_with('.')) {
        let host = host_of(word.trim_matches(|c: char| !c.is_ascii_alphanumeric()));
        if host.contains('.') && host.split('.').all(|l| !l.is_empty()) {
            return Some((registrable(host), &[]));
        }
    }
    BRANDS
        .iter()
        .find(|(brand, _)| {
            shown
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == *brand)
        })
        .map(|(brand, domains)| (brand.to_string(), *domains))
}

/// The registrable part of a host: `a.b.example.co.uk` → `example.co.uk`.
pub fn registrable(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() <= 2 {
        return labels.join(".");
    }
    let n = labels.len();
    let second = labels[n - 2];
    let take = if labels[n - 1].len() == 2
        && matches!(
            second,
            "co" | "com" | "net" | "org" | "gov" | "edu" | "ac" | "or" | "ne"
        ) {
        3
    } else {
        2
    };
    labels[n - take..].join(".")
}

/// A host a link on the internet can name: one with a dot (`yourserver:2301` or
/// `localhost` name a machine of the reader's own, no site anyone can lure to).
fn is_public_host(host: &str) -> bool {
    host.contains('.')
}

fn is_ip(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Two words that differ by one letter replaced, added or dropped.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Whether a (lower-cased) text may hold a [`URL`]: every match holds a `/` (in its
/// scheme or its path) or starts `www.`. Most messages have neither, and the pattern
/// has no literal its search could skip through them by (its bare host starts with a
/// class), so its search would read every byte of them; a look for one byte and one
/// needle costs far less.
fn may_hold_link(lower: &str) -> bool {
    lower.contains('/') || LINK_WWW.is_in(lower)
}

fn domain_is(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// How many links in the (lower-cased) text go outside the platform's own sites.
///
/// A link of a text's first part is a link of the whole text: [`URL`] asserts
/// nothing about what follows a match. So a part of a text in which [`links`] found
/// no link has none either, and needs no search.
pub fn outside_links(lower: &str) -> usize {
    URL.find_iter(lower)
        .take(MAX_LINKS)
        .map(|m| host_of(m.as_str()))
        .filter(|host| {
            // The first brand is the platform.
            is_public_host(host) && !BRANDS[0].1.iter().any(|d| domain_is(host, d))
        })
        .count()
}

/// A line of at least this many underscores is the rule a mail program draws above a
/// quoted message's header.
pub const QUOTE_RULE_UNDERSCORES: usize = 10;

/// Where a signature or a quoted message starts by the mail's layout, not its words:
/// the first line at byte `from` of `lower` or later that is the signature marker
/// `--` (with or without its trailing space), or a rule of underscores above a quoted
/// header. Lines are ended by line breaks and by HTML `<br>` tags left in the text.
/// Words can say it too ("Sent from my iPhone", "-----原始邮件-----": the mail-break
/// table); a bare `--` names no language, and what follows it is the sender's
/// signature: its site, social and chat links, a footer's unsubscribe link.
pub fn signature_separator(lower: &str, from: usize) -> Option<usize> {
    let rest = lower.get(from..)?;
    // Most messages hold neither: one look each spares the searches below.
    let (dashes, rule) = (
        crate::core::text::SIGNATURE_DASHES.is_in(rest),
        crate::core::text::QUOTE_RULE.is_in(rest),
    );
    if !dashes && !rule {
        return None;
    }
    let b = lower.as_bytes();
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\r');
    // Whether the bytes `start..end` stand alone on their line: only blanks between
    // them and a line break, an HTML tag's end or the text's end.
    let alone = |start: usize, end: usize| {
        let mut s = start;
        while s > from && b.get(s - 1).copied().is_some_and(blank) {
            s -= 1;
        }
        let mut e = end;
        while b.get(e).copied().is_some_and(blank) {
            e += 1;
        }
        (s == from || matches!(b.get(s - 1), Some(b'\n' | b'>')))
            && matches!(b.get(e), None | Some(b'\n' | b'<'))
    };
    let mut at = if dashes { from } else { lower.len() };
    while let Some(i) = lower.get(at..).and_then(|rest| rest.find("--")) {
        let i = at + i;
        let mut end = i + 2;
        while b.get(end) == Some(&b'-') {
            end += 1;
        }
        if end == i + 2 && alone(i, end) {
            return Some(i);
        }
        at = end;
    }
    if !rule {
        return None;
    }
    // A rule is [`QUOTE_RULE_UNDERSCORES`] underscores or more.
    let rule = rest.find("__________")? + from;
    let mut end = rule;
    while b.get(end) == Some(&b'_') {
        end += 1;
    }
    (end - rule >= QUOTE_RULE_UNDERSCORES && alone(rule, end)).then_some(rule)
}

/// Engineering drawings a buyer links to: 3D and 2D CAD files. A link straight to
/// such a file downloads the drawing; it has no page to ask for a sign-in on.
const DRAWINGS: &[&str] = &[
    "step", "stp", "igs", "iges", "dwg", "dxf", "stl", "x_t", "x_b", "sat", "sldprt", "sldasm",
    "ipt", "iam", "3mf",
];

/// Words that name a file as drawings (`CNC_drawings.zip`, `planos-pieza.pdf`): a
/// buyer's drawings packed or printed are still drawings, a file with no page to sign
/// in on.
const DRAWING_NAMES: &[&str] = &[
    "drawing",
    "blueprint",
    "plano",
    "desenho",
    "dessin",
    "zeichnung",
    "cizim",
    "chertezh",
];

/// Whether every link of the text outside the platform passes `test` (given the
/// link as matched): false without such links.
fn every_outside_link(text: &Text, mut test: impl FnMut(&str) -> bool) -> bool {
    let mut any = false;
    for m in URL.find_iter(&text.lower).take(MAX_LINKS) {
        let url = m.as_str();
        if !is_public_host(host_of(url)) {
            continue;
        }
        if !test(url) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether every outside link goes straight to a drawing file, by its type
/// ([`DRAWINGS`]) or its name ([`DRAWING_NAMES`]). False without outside links.
pub fn links_to_drawings(text: &Text) -> bool {
    every_outside_link(text, |url| {
        let address = url.split(['?', '#']).next().unwrap_or(url);
        let after_scheme = address.split_once("://").map_or(address, |(_, rest)| rest);
        // The file named at the end of the path (none when the link is a bare host).
        let file = after_scheme
            .split_once('/')
            .and_then(|(_, path)| path.rsplit('/').next());
        // (A sentence's full stop or a bracket may end the match.)
        file.and_then(|f| f.trim_end_matches(['.', ',', ';', ')']).rsplit_once('.'))
            .is_some_and(|(name, ext)| {
                DRAWINGS.contains(&ext) || DRAWING_NAMES.iter().any(|n| name.contains(n))
            })
    })
}

/// Whether every outside link goes to the buyer's own website: the one its profile
/// names, or one named after the company it gives (a buyer's spec sheet or supplier
/// portal on its own site is no lure to a stranger's host). The inquiry list shows the
/// buyer's company and not its website, so the company's name is read where no
/// website is given. False without outside links, or without either.
pub fn links_on_own_site(text: &Text, website: Option<&str>, company: Option<&str>) -> bool {
    if let Some(own) = website.map(website_domain).filter(|d| d.contains('.')) {
        return every_outside_link(text, |url| registrable(host_of(url)) == own);
    }
    let Some(company) = company else {
        return false;
    };
    let words = company_words(company);
    every_outside_link(text, |url| named_after(&registrable(host_of(url)), &words))
}

/// A company's name as a host spells its words: lower case, accents off, split at
/// anything but letters and digits ("Ferretería Ruiz & Hijos" → ferreteria, ruiz, hijos).
fn company_words(company: &str) -> Vec<String> {
    let mut folded = String::with_capacity(company.len());
    for c in company.chars() {
        crate::core::triage::concepts::fold_char(c, &mut folded);
    }
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A site's name this short says too little to tie it to a company.
const MIN_COMPANY_SITE_LETTERS: usize = 4;

/// Whether a registrable domain is named after a company of these (folded) words:
/// its first label is the company's first words run together ("Mercy Health Group" →
/// `mercyhealth.co.ke`, "Hollins & Pike" → `hollinspike.com`), or hyphened, the first
/// part a whole word and each next part the start of the next word ("Kestrel
/// Engineering Ltd" → `kestrel-eng.co.uk`).
fn named_after(domain: &str, words: &[String]) -> bool {
    let label = domain.split('.').next().unwrap_or("");
    if label.len() < MIN_COMPANY_SITE_LETTERS {
        return false;
    }
    let squashed = label.replace('-', "");
    let mut run = String::new();
    for word in words {
        run.push_str(word);
        if run == squashed {
            return true;
        }
        if run.len() >= squashed.len() {
            break;
        }
    }
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 2
        && parts.len() <= words.len()
        && parts
            .iter()
            .zip(words)
            .enumerate()
            .all(|(i, (part, word))| {
                if i == 0 {
                    part == word
                } else {
                    part.len() >= 3 && word.starts_with(part)
                }
            })
}

/// Links: credential pages, look-alikes, IP hosts, shorteners, file shares, mismatches,
/// and links to an "order" the text does not explain (`genuine_signs` says how much
/// the text does explain). Returns whether the text holds a link at all.
pub fn links(text: &Text, genuine_signs: usize, out: &mut Vec<Hit>) -> bool {
    if !may_hold_link(&text.lower) {
        return false;
    }
    let urls: Vec<&str> = URL
        .find_iter(&text.lower)
        .take(MAX_LINKS)
        .map(|m| m.as_str())
        .collect();
    if urls.is_empty() {
        return false;
    }
    // Where the text asks for a password or a sign-in: a link near such words is a trap.
    let credential_at: Vec<usize> = CREDENTIAL_WORDS
        .find_iter(&text.lower)
        .take(20)
        .map(|m| m.start())
        .collect();
    let credential_words = !credential_at.is_empty();
    let near_credential = |url: &str| {
        text.lower
            .find(url)
            .is_some_and(|pos| credential_at.iter().any(|c| c.abs_diff(pos) <= 300))
    };
    let (mut credential, mut lookalike, mut ip, mut short, mut share) =
        (None, None, None, None, None);
    for url in &urls {
        let host = host_of(url);
        if !is_public_host(host) {
            continue;
        }
        let path = url.split_once(host).map_or("", |(_, p)| p);
        let official = BRANDS
            .iter()
            .flat_map(|(_, d)| d.iter())
            .any(|d| domain_is(host, d));
        if !official {
            for (brand, _) in &BRANDS[..IMITATED] {
                // A brand name (or a one-letter misspelling of it, like aIibaba) inside a host
                // it does not own: alibaba.com.secure-login.example, aiibaba-trade.example
                let imitates = |label: &str| {
                    // (A label shorter in bytes than the brand less a letter has fewer
                    // letters too: no need to compare them.)
                    label == *brand
                        || (brand.len() >= 6
                            && label.len() + 1 >= brand.len()
                            && one_edit_apart(label, brand))
                };
                if host.split(['.', '-']).any(imitates)
                    || host
                        .match_indices(brand)
                        .any(|(at, _)| host[at + brand.len()..].starts_with(".com."))
                {
                    lookalike.get_or_insert(host.to_string());
                }
            }
        }
        if is_ip(host) {
            ip.get_or_insert(host.to_string());
        }
        if SHORTENERS.iter().any(|s| domain_is(host, s)) {
            short.get_or_insert(host.to_string());
        }
        if FILE_SHARE.iter().any(|s| domain_is(host, s)) {
            share.get_or_insert(host.to_string());
        }
        if !official
            && (CREDENTIAL_PATH.is_match(path) || CREDENTIAL_PATH.is_match(host))
            && near_credential(url)
        {
            credential.get_or_insert(host.to_string());
        }
    }
    if credential.is_none() && credential_words {
        // "Enter your e-mail password to view the order" next to any outside link.
        credential = urls
            .iter()
            .filter(|u| near_credential(u))
            .map(|u| host_of(u))
            .find(|h| {
                is_public_host(h)
                    && !BRANDS
                        .iter()
                        .flat_map(|(_, d)| d.iter())
                        .any(|d| domain_is(h, d))
            })
            .map(str::to_string);
    }
    // Among many links, only a sign-in page on a bare address or a look-alike host is
    // still a lure: a newsletter links its own site's account pages.
    let lure_host = |h: &String| is_ip(h) || lookalike.as_ref() == Some(h);
    if let Some(h) = credential.filter(|h| urls.len() <= MANY_LINKS_OVER || lure_host(h)) {
        out.push(hit_on(Code::CREDENTIAL_LINK, h));
    }
    if let Some(h) = lookalike {
        out.push(hit_on(Code::LOOKALIKE_DOMAIN, h));
    }
    if let Some(h) = ip {
        out.push(hit_on(Code::IP_ADDRESS_LINK, h));
    }
    if let Some(h) = short {
        out.push(hit_on(Code::SHORTENED_LINK, h));
    }
    if let Some(h) = share {
        out.push(hit_on(Code::FILE_SHARE_LINK, h));
    }
    for pair in LINK_TEXT_PAIR.find_iter(&text.lower).take(MAX_LINKS) {
        let (shown, url) = link_text_pair(pair.as_str());
        let shown = registrable(shown);
        let real = registrable(host_of(url));
        if !shown.is_empty() && !real.is_empty() && shown != real && shown.contains('.') {
            out.push(hit_on(Code::MISMATCHED_LINK, format!("{shown} → {real}")));
            break;
        }
    }
    // A button whose text names one site and whose target is another. Only among a
    // few links: a mailing's links go through its sender's click counter.
    let mismatched = out.iter().any(|h| h.code == Code::MISMATCHED_LINK);
    if !mismatched && urls.len() <= FEW_BUTTON_LINKS {
        for pair in HTML_LINK.find_iter(&text.lower).take(MAX_LINKS) {
            let (shown, url) = html_link_pair(pair.as_str());
            let target = host_of(url);
            let real = registrable(target);
            let Some((site, owned)) = shown_site(shown) else {
                continue;
            };
            let differs = if owned.is_empty() {
                site != real
            } else {
                !owned.iter().any(|d| domain_is(target, d))
            };
            if differs && !real.is_empty() {
                out.push(hit_on(Code::MISMATCHED_LINK, format!("{site} → {real}")));
                break;
            }
        }
    }
    if urls.len() > MANY_LINKS_OVER {
        out.push(hit_on(Code::MANY_LINKS, urls.len().to_string()));
    }
    if genuine_signs < 2 && urls.len() <= 3 {
        if let Some(m) = ORDER_WORDS.find(&text.lower) {
            out.push(hit_on(Code::ORDER_LINK, m.as_str()));
        }
    }
    true
}

// --- attachments -------------------------------------------------------------------------

const DANGEROUS: &[&str] = &[
    "exe", "scr", "bat", "cmd", "com", "pif", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta",
    "msi", "jar", "ps1", "lnk", "iso", "img", "vhd", "html", "htm", "shtml", "xhtml", "mht", "svg",
    "reg", "cpl", "dll",
];
const ARCHIVES: &[&str] = &[
    "zip", "rar", "7z", "gz", "tgz", "tar", "ace", "arj", "cab", "r00", "z", "xz", "bz2", "uue",
];
const DOCUMENTS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt", "pptx", "jpg", "jpeg", "png", "gif", "webp",
    "bmp", "tif", "tiff", "dwg", "dxf", "step", "stp", "igs", "txt", "rtf", "odt", "ods", "heic",
    "mp4", "mov",
];

pattern!(
    ORDER_FILE,
    r"(?:(?:^|[^a-z])p\.?o(?:[^a-z]|$)|purchase[ _-]?order|proforma|invoice|(?:^|[^a-z])rfq|quotation|(?:^|[^a-z])orders?(?:[^a-z]|$)|payment|remittance|swift|bank[ _-]?slip|contract|(?:^|[^a-z])pi(?:[^a-z]|$))"
);
// Order papers named in the buyers' other languages (file names, lower case): read
// only on an archive's name, where an order is the usual wrapper of a lure.
pattern!(
    ORDER_NAME,
    r"(?:pedido|(?:^|[^a-z])orden|factura|fatura|(?:^|[^a-z])nf-?e(?:[^a-z]|$)|danfe|boleto|facture|commande|bestellung|rechnung|auftrag|comprobante|comprovante|dekont|sipari|faktur|pesanan|bukti|(?:^|[^a-z])don[ _-]?hang|hoa[ _-]?don|(?:^|[^a-z])b[ _-]?l(?:[^a-z]|$)|awb|заказ|сч[её]т|инвойс|платеж|订单|采购|发票|水单|付款|đơn|طلب|فاتورة)"
);
pattern!(
    ORDER_WORDS,
    r"(?:(?-u:\b)p\.?o(?-u:\b)|purchase order|proforma|(?-u:\b)invoice(?-u:\b)|(?-u:\b)order (?:list|details|sheet|file|document)|(?:our|new|the) order(?-u:\b)|secure document|shared (?:a |the )?(?:document|file) (?:with you|via)|payment (?:slip|copy|advice|details))"
);
pattern!(
    PASSWORD_WORDS,
    r"(?-u:\b)password(?-u:\b)|(?-u:\b)passcode(?-u:\b)|密码"
);
pattern!(
    EXPLAINS_ATTACHMENT,
    r"(?:attach|enclos|drawing|specification sheet|see the file|the file|pdf|adjunt|anexo|ci-joint|pièce jointe|allegat|anhang|вложени|прикреп|附件|图纸)"
);

/// Attachments: executables, web pages, disk images, double extensions, archives,
/// and "order" files the text does not explain (`order_under_way`: an order already
/// under way, which explains them).
pub fn attachments(
    inquiry: &Inquiry,
    text: &Text,
    genuine_signs: usize,
    order_under_way: bool,
    out: &mut Vec<Hit>,
) {
    let mut explained_any = false;
    // One reason per code, naming the first file and how many more share it: fifty
    // disguised files are no more evidence than one, and the score must stay readable.
    let mut found: Vec<(Code, String, usize)> = Vec::new();
    let mut note = |code: Code, name: &str| {
        let name = name.trim();
        match found.iter_mut().find(|(c, _, _)| *c == code) {
            Some((_, _, more)) => *more += 1,
            None => found.push((code, name.to_string(), 0)),
        }
    };
    let password = PASSWORD_WORDS.is_match(&text.lower);
    for a in inquiry.attachments.iter().take(MAX_LINKS) {
        // Right-to-left overrides and zero-width characters disguise names: drop them.
        let name: String = a
            .name
            .chars()
            .filter(|c| !crate::core::text::is_invisible_format(*c))
            .collect::<String>()
            .to_lowercase();
        let parts: Vec<&str> = name.trim().rsplit('.').collect();
        let ext = parts.first().copied().unwrap_or("");
        let inner = parts.get(1).copied().unwrap_or("");
        if parts.len() >= 3
            && (DOCUMENTS.contains(&inner) || ARCHIVES.contains(&inner))
            && (DANGEROUS.contains(&ext) || ARCHIVES.contains(&ext))
        {
            note(Code::DOUBLE_EXTENSION, &a.name);
        } else if DANGEROUS.contains(&ext) {
            note(Code::DANGEROUS_ATTACHMENT, &a.name);
        } else if ARCHIVES.contains(&ext) && password {
            note(Code::PASSWORD_ARCHIVE, &a.name);
        } else if ARCHIVES.contains(&ext)
            && (ORDER_FILE.is_match(&name) || ORDER_NAME.is_match(&name))
        {
            // Buyers send drawings and photos in archives; an order, invoice or
            // payment slip is one file that needs no archive, unless it hides one.
            note(Code::ORDER_ARCHIVE, &a.name);
        } else if ARCHIVES.contains(&ext) {
            note(Code::ARCHIVE_ATTACHMENT, &a.name);
        }
        let orderish = ORDER_FILE.is_match(&name);
        let explained = EXPLAINS_ATTACHMENT.is_match(&text.lower) && genuine_signs >= 2;
        // An order file for an order already under way is explained by that order (a
        // file that can run or hides in an archive is read on its own, above).
        if orderish && !explained && !order_under_way {
            note(Code::UNEXPLAINED_ORDER_FILE, &a.name);
        } else if explained && DOCUMENTS.contains(&ext) {
            explained_any = true;
        }
    }
    for (code, name, more) in found {
        out.push(if more == 0 {
            hit_on(code, name)
        } else {
            hit_on(
                code,
                format!("{} (+{more})", crate::core::text::clip(&name, 40)),
            )
        });
    }
    if explained_any {
        out.push(hit(Code::EXPLAINED_ATTACHMENT));
    }
}

// --- what the words say ----------------------------------------------------------------------

pattern!(
    ADVANCE_FEE,
    r"(?:(?:pay|send|transfer|remit|deposit|wire)\w*(?-u:\b)[^.\n]{0,60}(?-u:\b)(?:registration|certification|inspection|processing|clearance|tender|contract|agent|agency|admin\w*|handling|release|insurance|legal|stamp|approval|license|licence)[ -]?(?:fee|fees|charge|charges|cost|commission)|(?:pay|paid|payment of)(?-u:\b)[^.\n]{0,30}(?-u:\b)(?:fee|fees|commission|charges?)(?-u:\b)[^.\n]{0,25}(?-u:\b)(?:first|upfront|up-front|in advance|before (?:we|the contract|award|shipment))|(?:fee|fees|commission)s? (?:must|should|has to|have to|needs? to) be paid (?:first|upfront|in advance|before)|advance fee|pay (?:the )?(?:fee|commission) (?:first|before))"
);
// A fee the reader is told to pay, or a cost put on the supplier with what makes it
// a fee first: a sum of money, "first" / "before the order", or a fee named. A cost
// put on the seller alone is a trade term ("CIF, freight and insurance paid by the
// seller", "duties borne by the supplier"), which buyers state every day.
pattern!(
    FEE_FIRST,
    r"(?:(?:to (?:receive|proceed|claim|release|get|collect)|kindly|please|you (?:need|have|are required) to|you must|you should|you will need to)\s+(?:pay|send|transfer|remit|wire)(?:\s+[^\s.]+){0,4}?\s+(?:fee|fees|charges?|cost|commission|deposit)(?-u:\b)|(?:usd|us\$|\$|eur|€|rmb|¥)\s?\d[\d,.]*[^.\n]{0,30}(?:paid|borne|covered) by (?:the )?(?:supplier|seller|manufacturer|you|your company)|\d[\d,.]*\s?(?:usd|dollars?|eur|euros?|rmb|yuan)[^.\n]{0,30}(?:paid|borne|covered) by (?:the )?(?:supplier|seller|manufacturer|you|your company)|(?:paid|borne|covered) by (?:the )?(?:supplier|seller|manufacturer|you|your company)[^.\n]{0,30}(?:first|upfront|up-front|in advance|before (?:we|the|order|ordering|shipment|production))|(?:supplier|seller|manufacturer|your company) (?:must|should|needs? to|has to|will) (?:pay|cover|bear)(?:\s+[^\s.]+){0,4}?\s+(?:fee|fees|charges?|commission|deposit)(?-u:\b))"
);
pattern!(
    AWARD,
    r"(?:congratulations?(?-u:\b)[^.\n]{0,60}(?-u:\b)(?:you|your)(?-u:\b)[^.\n]{0,60}(?-u:\b)(?:selected|award|winner|won|chosen|nominated)|(?:supplier|excellence|business) award(?-u:\b)|you (?:have been|were) (?:selected|chosen|nominated) (?:for|as))"
);
pattern!(
    ROMANCE,
    r"(?:(?-u:\b)(?:we )?(?:be|become) (?:good |best )?friends(?-u:\b)|i (?:like|love|saw|admire) your (?:profile|picture|photo|smile)|are you (?:single|married)|looking for (?:a )?(?:relationship|love|partner for life))"
);
pattern!(
    OFF_PLATFORM,
    r"(?:(?:send|reply|contact|write|talk|add|chat)\w*(?-u:\b)[^.\n]{0,30}(?-u:\b)(?:(?:to|on|via|me on|me at|my) )(?:my )?(?:whatsapp|wechat|skype|telegram|viber|e-?mail|gmail|personal email)|whatsapp\s*[:+]?\s*\+?\d|(?-u:\b)on (?:whatsapp|wechat|telegram|skype|viber)(?-u:\b)|(?:add|contact) me on (?:whatsapp|wechat|skype|telegram))"
);
pattern!(
    PAYMENT_BAIT,
    r"(?:we have (?:sent|transferred|paid|wired)\s+(?:usd|us\$|\$|eur|€)|payment (?:has been|was) (?:sent|made|transferred|released)|confirm (?:the )?receipt of (?:the )?(?:payment|funds)|(?:swift|bank) (?:copy|slip) (?:attached|enclosed))"
);
pattern!(
    ACCOUNT_THREAT,
    r"(?:account|store|shop|listing)s? (?:will be|has been|is being|are being) (?:suspended|closed|locked|blocked|terminated|deactivated|restricted|limited)|(?:suspend|deactivat|terminat)\w* (?:of )?your (?:account|store)"
);
pattern!(
    TENDER,
    r"(?:government|ministry|federal|state|public)\s+(?:tender|contract|project|procurement)|tender (?:committee|board|award)|contract (?:award|approval)|award (?:of )?the contract|appointed agent"
);
pattern!(
    INVITATION,
    r"(?:invitation letter|letter of invitation|visa (?:invitation|letter|application)|invite me to (?:china|your factory))"
);
pattern!(
    FORWARDER_SELF,
    r"(?:we are (?:a |an |the )?(?:professional |leading |reliable |experienced |chinese |china |international |global )*(?:freight|forwarding|forwarder|logistics|shipping (?:agent|company)|cargo)|our (?:freight|logistics|shipping|forwarding|cargo) (?:services?|rates)|(?:offer|provide|providing|offering)\w*\s+(?:sea|air|ocean|rail)?\s*(?:freight|shipping|logistics|ddp|door to door|customs clearance)|best (?:freight|shipping) rates|cheap (?:air|sea) freight|(?:我们是|我司|本公司)[^。！!]{0,20}(?:物流|货代|运输|快递|船务)|双清包税|fba头程|海运专线|空运专线)"
);
pattern!(
    AGENCY_SELF,
    r"(?:(?-u:\b)seo(?-u:\b)|keyword ranking|ranking service|boost your (?:sales|store|ranking)|guaranteed (?:top|first|ranking)|top \d+ position|help you (?:find|get) (?:more )?(?:buyers|customers|orders)|(?:find|bring) you more (?:buyers|customers)|(?:sourcing|inspection) (?:agent|agency|service)s?(?-u:\b)[^.\n]{0,40}(?-u:\b)(?:help|offer|provide|can)|search engine optimi[sz]ation|google (?:ranking|first page|page one)|(?:web|website) (?:design|development) (?:service|company|agency)|digital marketing (?:agency|service|company)|social media marketing|(?:store|listing|shop) optimi[sz]ation|rank (?:higher|on google)|more traffic to your|free (?:audit|seo|website analysis))"
);
pattern!(
    COOPERATION,
    r"(?:seek|seeking|looking for|establish|build)\w*\s+(?:a\s+)?(?:long[- ]term\s+)?(?:business\s+)?(?:cooperation|partnership|collaboration)|cooperation with (?:your|you)|win-win cooperation"
);
pattern!(
    COMPETITOR,
    r"(?:factory (?:cost|price list of all)|who (?:is|are) your (?:\w+ )?suppliers?|(?:which|what) (?:\w+ )?suppliers? do you (?:use|buy from)|your (?:profit )?margin|cost (?:breakdown|structure)|raw material supplier|which suppliers? do you use|who (?:is|are) your suppliers?|your (?:purchase|buying) price)"
);
pattern!(
    MASS,
    r"(?:same (?:inquiry|request|email|message) (?:to|for) (?:all|every|many)|sent (?:this )?to (?:many|several|all|\d+) suppliers|quickest (?:reply|response) wins|lowest price wins|to all suppliers)"
);
pattern!(
    PRICE_ALL,
    r"(?:(?:price|prices|quote|quotation)\w*\s+(?:for |of |on )?(?:all|every|each of) (?:your )?(?:products|items|goods|models)|(?:full|complete|whole) (?:price list|catalog(?:ue)?) of (?:all|every)|quote all your)"
);
pattern!(
    UNSUBSCRIBE,
    r"(?:unsubscribe|opt[- ]?out|remove (?:me|yourself|your (?:name|address|email))|to be removed|no longer wish to receive|don't want to receive|mailing list|click (?:here )?to remove)"
);
// Money offers in two patterns: one automaton for both would lose the fast literal
// search the phrases get alone (measured: about three times slower).
pattern!(
    MONEY,
    r"(?:make money|earn (?:\$|us\$|up to)|extra income|work from home|financial freedom|get rich|you have won|claim your (?:prize|reward)|lottery|jackpot|(?:you are|you're) (?:a|the|our) (?:lucky )?winner|cash bonus|no credit check|mortgage|refinanc|lowest rates?|debt (?:free|relief|consolidation)|loan (?:approved|offer)|credit (?:repair|score))"
);
pattern!(
    MONEY_PER_DAY,
    r"(?:\$|usd)\s?[\d,]+\s*(?:per|a|/)\s*(?:day|week|month)"
);
pattern!(
    PHARMA,
    r"(?:viagra|(?-u:\b)cialis|levitra|(?-u:\b)penis(?-u:\b)|enlarge(?:ment)? (?:your|pills)|diet pills?|lose weight fast|weight loss (?:pills?|formula|program)|online (?:pharmacy|casino|betting|gambling)|(?-u:\b)casino(?-u:\b)|hot (?:girls|singles)|adult (?:site|content|entertainment))"
);
pattern!(
    MARKETING,
    r"(?:click (?:here|below)|act now|order now|buy now|limited time|special (?:promotion|offer)|100% (?:free|guaranteed|satisfaction)|risk[- ]free|no obligation|free (?:trial|gift|money)|satisfaction guaranteed|call now|dear friend|this is not spam|once in a lifetime|double your)"
);

/// What the words say: scams, advertising, price fishing and bulk-mail wording. (A
/// claimed payment is read in [`mechanisms::lures`], beside the links and the state
/// of the order.)
/// `sender_needs`: the sender states a need of its own ("we need 200 …", the `we_need`
/// table): a firm that buys describes its own trade in a seller's words ("our company
/// provides logistics for hospitals"), so the fixed offer phrases of forwarders and
/// agencies say nothing then.
pub fn wording(text: &Text, sender_needs: bool, out: &mut Vec<Hit>) {
    let t = text.lower.as_str();
    // (code, wording, whether the wording names a payment whose payer must be the
    // reader: a fee the sender says it pays itself, "we will pay the inspection
    // fee", is the usual trade, not money flowing the wrong way)
    let checks: [(Code, &Pattern, bool); 18] = [
        (Code::ADVANCE_FEE, &ADVANCE_FEE, true),
        (Code::ADVANCE_FEE, &FEE_FIRST, false),
        (Code::AWARD_BAIT, &AWARD, false),
        (Code::ROMANCE_BAIT, &ROMANCE, false),
        (Code::OFF_PLATFORM_CONTACT, &OFF_PLATFORM, false),
        (Code::ACCOUNT_THREAT, &ACCOUNT_THREAT, false),
        (Code::GOVERNMENT_TENDER, &TENDER, false),
        (Code::INVITATION_LETTER, &INVITATION, false),
        (Code::FREIGHT_FORWARDER, &FORWARDER_SELF, false),
        (Code::SERVICE_AGENCY, &AGENCY_SELF, false),
        (Code::COOPERATION_PITCH, &COOPERATION, false),
        (Code::COMPETITOR_PROBE, &COMPETITOR, false),
        (Code::MASS_INQUIRY, &MASS, false),
        (Code::PRICE_LIST_FISHING, &PRICE_ALL, false),
        (Code::UNSUBSCRIBE_FOOTER, &UNSUBSCRIBE, false),
        (Code::MONEY_OFFER, &MONEY, false),
        (Code::MONEY_OFFER, &MONEY_PER_DAY, false),
        (Code::PHARMA_ADULT, &PHARMA, false),
    ];
    for (code, pattern, reader_pays) in checks {
        if out.iter().any(|h| h.code == code)
            || (sender_needs && matches!(code, Code::FREIGHT_FORWARDER | Code::SERVICE_AGENCY))
        {
            continue;
        }
        let found = if reader_pays {
            pattern.find_iter(t).find(|m| !sender_pays(t, m.start()))
        } else {
            pattern.find(t)
        };
        if let Some(m) = found {
            out.push(hit_on(code, m.as_str().trim()));
        }
    }
    let marketing = MARKETING.find_iter(t).take(4).count();
    if marketing >= 2 {
        out.push(hit_on(Code::MARKETING_PHRASES, marketing.to_string()));
    }
    if text.letters >= 40 && text.upper * 10 >= text.letters * 7 {
        out.push(hit(Code::SHOUTING));
    }
}

/// How many words before a payment a payer is looked for.
const PAYER_WORDS: usize = 4;

/// Whether the words just before `at` in `text` name the sender as the one who pays
/// ("we will pay", "our agent pays", "our customs broker must pay", "i can send"):
/// read back from `at` within the clause, a word for the sender before any word for
/// the reader ("you", "supplier", "kindly", ...). "Must" says nothing of who pays:
/// its subject does. A payment with no subject in its clause ("as agreed, must pay
/// the fee first") is the reader's.
fn sender_pays(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    for raw in before.split_whitespace().rev().take(PAYER_WORDS) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        match word {
            "we" | "i" | "our" | "us" | "buyer" | "ourselves" => return true,
            "you" | "your" | "supplier" | "seller" | "manufacturer" | "factory" | "kindly"
            | "please" => return false,
            // A word cut from a stop, a comma or a bracket ends the clause.
            _ if word.len() != raw.len() => return false,
            _ => {}
        }
    }
    false
}

// --- genuine signs -------------------------------------------------------------------------------

pattern!(
    QUANTITY,
    r"(?-u:\b)\d[\d,.]*\s*(?:k\s)?(?:pcs|pc|pieces?|units?|sets?|pairs?|tons?|tonnes?|mt(?-u:\b)|kgs?|kilograms?|containers?|conteneurs?|contenedor(?:es)?|cont[eê]iner(?:es)?|contentor(?:es)?|контейнер\w*|konteyner\w*|x\s?(?:20|40)\s?(?:ft|')|(?:20|40)\s?(?:ft|gp|hq)|bundles?|cartons?|boxes|rolls?|meters?|metres?|m2|sqm|square meters|pallets?|dozens?|bags?|bottles?|lots?|штук|шт(?:\.|\s|$)|единиц|unidades|piezas|peças|pièces|pezzi|stück|stk|\w*teile|adet|sillas|chairs|wigs|panels?|lights?|pipes?|قطعة|قطع|حبة|كرتون|حاوية|cái|chiếc|buah)|(?:\d+\s*(?:件|个|套|吨|台|箱|条|米|双|只|片))|(?:(?-u:\b)(?:moq|quantity|qty|cantidad|quantidade)(?-u:\b)|quantité|количеств)[^.\n]{0,15}\d"
);
// Counts in the buyer's own units that QUANTITY leaves out, as typed on a phone: a
// unit before a question mark ("200 шт?"), Russian sets and packs and their Latin
// spellings, Mexican "pzas", boxes in Spanish and Portuguese, Turkish "koli",
// Indonesian dozens and scores, Vietnamese units without marks, German without
// umlauts, a thousand said in words ("2 mil unidades") and Arabic-Indic digits
// before Arabic units ("١٠٠ حبة", "٣٠٠ طقم"); not Chinese 万 (a loan's "最高300万" is
// money). The units alone are searched (a literal search) and a unit is a count when a
// number stands right before it ([`number_before`]). Folded into QUANTITY, which the
// genuine-sign set runs on every message, they cost 2.4 % of triage's instructions:
// triage searches here only a message whose words name one of these units (the
// `own_unit` table) and that has no plain count; the polite-ask reading asks it where
// nothing else told it the message is about goods (`analysis`).
pattern!(
    COUNT_UNIT,
    r"(?:шт|комплект|упаков|sht|pza|caja|caixa|stueck|karton|koli|lusin|kodi|unidades|piezas|peças|chiec|cai|bộ|قطع|حبة|طقم|كرتون|盒|瓶|卷|打)"
);

/// Words for a thousand (or ten thousand) that may stand between a number and its unit.
const THOUSANDS: &[&str] = &[
    "mil",
    "ribu",
    "rb",
    "bin",
    "nghìn",
    "ngàn",
    "тыс.",
    "тысяч",
    "тыс",
];

/// Whether the text just before a unit ends with a number (ASCII or Arabic-Indic
/// digits), a word for a thousand allowed between them.
fn number_before(before: &str) -> bool {
    let mut rest = before.trim_end();
    if let Some(shorter) = THOUSANDS.iter().find_map(|w| rest.strip_suffix(w)) {
        rest = shorter.trim_end();
    }
    rest.chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c))
}

/// Currency signs a sum is written with (codes and names are the `sum` table's).
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₺', '₽', '₫', '₦', '₹', '￥'];

/// Whether the text names a sum with a currency sign: a sign with a digit right
/// after it or right before it (a space allowed between), "$1,150", "950 €".
pub fn names_sum(lower: &str) -> bool {
    lower.match_indices(CURRENCY_SIGNS).any(|(at, sign)| {
        let after = lower.get(at + sign.len()..).unwrap_or("").trim_start();
        let before = lower.get(..at).unwrap_or("").trim_end();
        after.starts_with(|c: char| c.is_ascii_digit())
            || before.ends_with(|c: char| c.is_ascii_digit())
    })
}

/// Digits a phone number has at least, counted across its groups ("+52 55 1234
/// 0987", "0912 345 678").
const PHONE_MIN_DIGITS: usize = 7;

/// Whether the text counts something (a number with a word after it) other than the
/// last group of a phone number: "+52 55 1234 0987 para pedido grande" gives a
/// number to call, not how many. A number is a phone number's end when it begins
/// with "+" or the digit groups written before it, with it, hold
/// [`PHONE_MIN_DIGITS`] digits or more.
pub fn counts_beyond_phone_numbers(lower: &str) -> bool {
    let is_digit =
        |c: char| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let is_number = |w: &str| {
        w.starts_with(|c: char| is_digit(c) || c == '+')
            && w.trim_start_matches('+')
                .chars()
                .all(|c| is_digit(c) || c == '.' || c == ',')
    };
    let digits = |w: &str| w.chars().filter(|c| is_digit(*c)).count();
    words.iter().enumerate().any(|(at, word)| {
        let Some(next) = words.get(at + 1) else {
            return false;
        };
        if !is_number(word) || !next.starts_with(char::is_alphabetic) {
            return false;
        }
        let group_start = words[..=at]
            .iter()
            .rposition(|w| !is_number(w))
            .map_or(0, |p| p + 1);
        let group = &words[group_start..=at];
        let phone = group.first().is_some_and(|w| w.starts_with('+'))
            || group.iter().map(|w| digits(w)).sum::<usize>() >= PHONE_MIN_DIGITS;
        !phone
    })
}

/// A count in the buyer's own units (see [`COUNT_UNIT`]).
pub fn counted_in_own_units(lower: &str) -> bool {
    COUNT_UNIT
        .find_iter(lower)
        .any(|m| lower.get(..m.start()).is_some_and(number_before))
}

// A bare steel grade (304, 316L) reads as a specification unless more digits follow
// it: "+57 312 555 0198" is a phone number, not grade 312. An aluminium grade is read
// after the metal's name ("aluminium 6061"), and an anodized finish is a finish.
pattern!(
    SPEC,
    r"(?-u:\b)\d+(?:\.\d+)?\s*(?:x|×|\*)\s*\d+|(?-u:\b)\d+(?:\.\d+)?\s*(?:mm|cm|inch|inches|in(?-u:\b)|v(?-u:\b)|w(?-u:\b)|kw|ah|mah|hz|gsm|mic|micron|°|ft(?-u:\b)|см|мм|سم|مم|厘米|毫米)|\d\s*%\s*(?:cotton|polyester|spandex|elastane|lycra|nylon|polyamide|wool|linen|silk|viscose|rayon|acrylic|cashmere|bamboo|algod[oóã]n?|poli[eé]ster|coton|laine|baumwolle|wolle|pamuk|хлопок|шерст|棉|涤纶|羊毛)|(?-u:\b)(?:astm|din|en \d|iso \d|grade|tp3\d\d|ss\d|aisi|sch\s?\d+|density|model|size|colou?r|material)(?-u:\b)|alumini?um\s*(?:alloy\s*)?\d{4}|anodi[sz]ed|[\u4e00-\u9fff]+(?:规格|型号|尺寸|材质)|(?-u:\b)(?:30[1-4]|31[0-7]|321|347)l?(?:\s*[^\d\s\-]|$)"
);
pattern!(
    TERMS,
    r"(?-u:\b)(?:fob|cif|cfr|c&f|exw|ddp|dap|fca|cpt|cip|dat|incoterms?)(?-u:\b)|(?-u:\b)(?:port of|puerto|porto|port)\s+[a-z]|到岸价|离岸价|含税"
);
pattern!(
    CERTS,
    r"(?-u:\b)(?:ce|rohs|fda|iso\s?\d*|bifma|ul|sgs|reach|msds|en 10204|cb|saso|soncap|coc|form a|certificate|certification|certified|certificado|certificat)(?-u:\b)|сертификат|认证|证书"
);
pattern!(
    DELIVERY,
    r"(?:lead time|delivery (?:time|date)|production time|how (?:long|many days)|when can you (?:ship|deliver)|shipping time|plazo de entrega|tiempo de entrega|prazo de entrega|délai|delai|срок|交货期|交期|多久)"
);
// A target price: named in words, or written as an amount per unit (two patterns
// for the same reason as the money offers above).
pattern!(
    TARGET,
    r"(?:target price|our budget|budget (?:is|of)|precio objetivo|preço alvo|prix cible|целевая цена|目标价)"
);
pattern!(
    TARGET_PER_UNIT,
    r"(?:usd|us\$|\$|eur|€)\s?\d+(?:\.\d+)?\s*(?:/|per)\s*(?:pc|piece|unit|set|ton|kg|m)"
);
pattern!(
    PACKAGING,
    r"(?:packing|packaging|carton|pallet|label|private label|our logo|custom logo|logo personnalis|embalaje|embalagem|emballage|упаковк|包装)"
);
pattern!(
    SAMPLES,
    r"(?:(?-u:\b)samples?(?-u:\b)|muestras?|amostras?|échantillons?|образ(?:ец|цы)|样品)"
);
pattern!(
    COMPANY,
    r"(?:(?-u:\b)we are (?:a|an|the)(?-u:\b)[^.\n]{0,60}(?:company|distributor|wholesaler|importer|retailer|contractor|manufacturer|factory|store|shop|brand|supplier|trader|dealer|chain|firm|installer)|(?-u:\b)our (?:company|firm|stores?|shops?|factory|clients|customers)(?-u:\b)|(?-u:\b)somos (?:una|un)(?-u:\b)|(?-u:\b)nous sommes(?-u:\b)|(?-u:\b)somos uma(?-u:\b)|(?:^|\s)мы (?:компания|являемся)|我们是|我司|(?-u:\b)(?:ltd|llc|gmbh|s\.?a\.?|inc|co\.|sarl|s\.r\.l|pty)(?-u:\b))"
);
pattern!(
    GREETING,
    r"^\s*(?:dear|hello|hi|hey|good (?:morning|afternoon|evening|day)|greetings|hola|buenas|buenos|bonjour|bonsoir|olá|ola|bom dia|boa tarde|ciao|buongiorno|hallo|guten tag|здравствуйте|добрый|привет|salam|assalam|marhaba|你好|您好|尊敬)"
);

// The genuine signs' patterns, in the order of `genuine`'s checks, then COMPANY.
pattern_set!(
    GENUINE_SIGNS,
    [
        QUANTITY,
        SPEC,
        TERMS,
        CERTS,
        DELIVERY,
        TARGET,
        TARGET_PER_UNIT,
        PACKAGING,
        SAMPLES,
        GREETING,
        COMPANY,
    ]
);

/// Spec nouns that say which property is meant, not what it is: alone they specify
/// nothing ("model", "型号").
const SPEC_NOUNS: &[&str] = &[
    "model", "size", "color", "colour", "material", "规格", "型号", "尺寸", "材质",
];
/// Words for "every" before a spec noun: "every model", "all size", "各个型号",
/// "所有规格" ask for the whole range, the fisher's wording (the `all_items` table).
const EVERY: &[&str] = &[
    "all", "every", "each", "any", "各个", "各种", "各", "所有", "全部", "每个", "每种", "每",
];

/// Whether the text gives a specification ([`SPEC`]): a spec noun right after a word
/// for "every" is no property given but every one asked for.
fn specifies(t: &str) -> bool {
    SPEC.find_iter(t).any(|m| {
        let found = m.as_str();
        let Some(noun) = SPEC_NOUNS.iter().find(|n| found.ends_with(**n)) else {
            return true;
        };
        let start = m.start();
        // The Han run the pattern took in before the noun, else the Latin word before it.
        let before = if found.len() > noun.len() {
            &found[..found.len() - noun.len()]
        } else {
            t.get(..start).unwrap_or("").trim_end()
        };
        !EVERY.iter().any(|w| {
            before.ends_with(w)
                && before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric() || !w.is_ascii())
        })
    })
}

/// Signs of a real buyer. Returns how many distinct signs were found.
pub fn genuine(inquiry: &Inquiry, text: &Text, names_product: bool, out: &mut Vec<Hit>) -> usize {
    let t = text.lower.as_str();
    let before = out.len();
    if names_product {
        out.push(hit(Code::NAMES_PRODUCT));
    }
    let found = GENUINE_SIGNS.may_match(t);
    let checks: [(Code, &Pattern); 10] = [
        (Code::GIVES_QUANTITY, &QUANTITY),
        (Code::GIVES_SPECIFICATION, &SPEC),
        (Code::TRADE_TERMS, &TERMS),
        (Code::ASKS_CERTIFICATES, &CERTS),
        (Code::ASKS_DELIVERY, &DELIVERY),
        (Code::TARGET_PRICE, &TARGET),
        (Code::TARGET_PRICE, &TARGET_PER_UNIT),
        (Code::ASKS_PACKAGING, &PACKAGING),
        (Code::ASKS_SAMPLES, &SAMPLES),
        (Code::GREETS, &GREETING),
    ];
    for (index, (code, pattern)) in checks.into_iter().enumerate() {
        if found.is_match(index, pattern, t)
            && !out[before..].iter().any(|h| h.code == code)
            && (code != Code::GIVES_SPECIFICATION || specifies(t))
        {
            out.push(hit(code));
        }
    }
    let buyer = inquiry.buyer.as_ref();
    let company_fields =
        buyer.is_some_and(|b| b.company.is_some() && (b.website.is_some() || b.phone.is_some()));
    if found.is_match(checks.len(), &COMPANY, t) || company_fields {
        out.push(hit(Code::COMPANY_DETAILS));
    }
    out.len() - before
}

/// Whether the text alone has a quantity (for the reading of vague inquiries).
pub fn has_quantity(lower: &str) -> bool {
    QUANTITY.is_match(lower)
}

// --- the buyer's account -----------------------------------------------------------------------------

const WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "ymail.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.de",
    "web.de",
    "zoho.com",
    "rediffmail.com",
    "inbox.ru",
    "bk.ru",
    "list.ru",
];

/// At most this many `@` of a text are read for a mail address.
const MAX_MAIL_ADDRESSES: usize = 16;

/// Whether the text writes out a mail address at a free mail provider
/// ([`WEBMAIL`]): "send the price to my email mike88@gmail.com" moves the talk to a
/// personal mailbox as surely as a chat app does. (The buyer's account's own address is
/// read in [`profile`].)
pub fn webmail_address(lower: &str) -> bool {
    // Most texts have no `@`: one fast search, before the byte-by-byte reading.
    if !lower.contains('@') {
        return false;
    }
    let bytes = lower.as_bytes();
    let in_domain = |b: &u8| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-';
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'@')
        .take(MAX_MAIL_ADDRESSES)
        .any(|(at, _)| {
            let rest = bytes.get(at + 1..).unwrap_or(&[]);
            let len = rest.iter().take_while(|b| in_domain(b)).count();
            let mut domain = rest.get(..len).unwrap_or(&[]);
            while let [head @ .., b'.'] = domain {
                domain = head;
            }
            WEBMAIL.iter().any(|w| w.as_bytes() == domain)
        })
}

fn email_domain(email: &str) -> Option<String> {
    email
        .rsplit_once('@')
        .map(|(_, d)| d.trim().trim_end_matches('>').to_lowercase())
        .filter(|d| d.contains('.'))
}

fn website_domain(site: &str) -> String {
    let host = host_of(site.trim().to_lowercase().as_str()).to_string();
    registrable(host.trim_start_matches("www."))
}

/// The buyer's account: age, activity, others' spam marks, countries, e-mail.
pub fn profile(
    buyer: &Buyer,
    received: Option<DateTime<FixedOffset>>,
    text: &Text,
    out: &mut Vec<Hit>,
) {
    let age_days = match (buyer.registered_at, received) {
        (Some(reg), Some(at)) => Some((at - reg).num_days()),
        _ => None,
    };
    if age_days.is_some_and(|d| (0..=7).contains(&d)) {
        out.push(hit_on(
            Code::NEW_ACCOUNT,
            format!("{} days", age_days.unwrap_or(0)),
        ));
    }
    if buyer.product_views == Some(0) {
        out.push(hit(Code::NO_PRODUCT_VIEWS));
    }
    let sent = buyer.inquiries_sent.or(buyer.valid_inquiries).unwrap_or(0);
    let views = buyer.product_views.unwrap_or(u64::MAX);
    if sent >= 100 && views.saturating_mul(2) < sent {
        out.push(hit_on(Code::MASS_SENDER, sent.to_string()));
    }
    if let Some(n) = buyer.spam_marked_count.filter(|n| *n >= 2) {
        out.push(hit_on(Code::SPAM_MARKS, n.to_string()));
    }
    if let Some(n) = buyer.blacklisted_count.filter(|n| *n >= 1) {
        out.push(hit_on(Code::BLACKLISTED_BY_OTHERS, n.to_string()));
    }
    if let Some(n) = buyer.suppliers_contacted.filter(|n| *n >= 20) {
        out.push(hit_on(Code::MANY_SUPPLIERS, n.to_string()));
    }
    if let (Some(reg), Some(ip)) = (&buyer.country, &buyer.ip_country) {
        let (reg, ip) = (
            reg.trim().to_ascii_uppercase(),
            ip.trim().to_ascii_uppercase(),
        );
        // A buyer travelling to source in China says so; that explains a Chinese IP.
        let explained = ip == "CN"
            && [
                "china",
                "guangzhou",
                "shenzhen",
                "yiwu",
                "shanghai",
                "canton fair",
                "中国",
                "广州",
            ]
            .iter()
            .any(|w| text.lower.contains(w));
        if reg.len() == 2 && ip.len() == 2 && reg != ip && !explained {
            out.push(hit_on(Code::COUNTRY_MISMATCH, format!("{reg} / {ip}")));
        }
    }
    let mail = buyer.email.as_deref().and_then(email_domain);
    let site = buyer
        .website
        .as_deref()
        .map(website_domain)
        .filter(|s| s.contains('.'));
    match (&mail, &site) {
        (Some(m), Some(s)) if registrable(m) == *s => out.push(hit(Code::MATCHING_COMPANY_EMAIL)),
        (Some(m), Some(s)) if !WEBMAIL.contains(&m.as_str()) => {
            out.push(hit_on(Code::EMAIL_DOMAIN_MISMATCH, format!("{m} / {s}")))
        }
        _ => {}
    }
    if mail.as_deref().is_some_and(|m| WEBMAIL.contains(&m)) && buyer.company.is_some() {
        out.push(hit(Code::FREE_WEBMAIL));
    }
    let established = age_days.is_some_and(|d| d > 365)
        && buyer.product_views.is_some_and(|v| v >= 20)
        && buyer.spam_marked_count.unwrap_or(0) == 0
        && buyer.blacklisted_count.unwrap_or(0) == 0;
    let high_level = buyer.level.as_deref().is_some_and(|l| {
        ["L3", "L4"]
            .iter()
            .any(|h| l.trim().eq_ignore_ascii_case(h))
    });
    if established || (high_level && buyer.spam_marked_count.unwrap_or(0) == 0) {
        out.push(hit(Code::ESTABLISHED_BUYER));
    }
}

/// UTC offsets (hours, standard time) of the buyers' commonest countries.
const COUNTRY_OFFSETS: &[(&str, i32)] = &[
    ("US", -6),
    ("CA", -5),
    ("MX", -6),
    ("BR", -3),
    ("AR", -3),
    ("CL", -4),
    ("CO", -5),
    ("PE", -5),
    ("GB", 0),
    ("IE", 0),
    ("PT", 0),
    ("ES", 1),
    ("FR", 1),
    ("DE", 1),
    ("IT", 1),
    ("NL", 1),
    ("BE", 1),
    ("PL", 1),
    ("SE", 1),
    ("CZ", 1),
    ("AT", 1),
    ("CH", 1),
    ("NG", 1),
    ("MA", 1),
    ("ZA", 2),
    ("EG", 2),
    ("GR", 2),
    ("RO", 2),
    ("UA", 2),
    ("IL", 2),
    ("TR", 3),
    ("RU", 3),
    ("SA", 3),
    ("KE", 3),
    ("KW", 3),
    ("AE", 4),
    ("PK", 5),
    ("IN", 5),
    ("BD", 6),
    ("TH", 7),
    ("VN", 7),
    ("ID", 7),
    ("MY", 8),
    ("SG", 8),
    ("PH", 8),
    ("CN", 8),
    ("HK", 8),
    ("TW", 8),
    ("KR", 9),
    ("JP", 9),
    ("AU", 10),
    ("NZ", 12),
    ("GH", 0),
    ("SL", 0),
];

/// Sent between 01:00 and 04:59 in the buyer's country: people rarely write then.
pub fn send_time(buyer: &Buyer, received: Option<DateTime<FixedOffset>>, out: &mut Vec<Hit>) {
    let (Some(country), Some(at)) = (&buyer.country, received) else {
        return;
    };
    let Some((_, hours)) = COUNTRY_OFFSETS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country.trim()))
    else {
        return;
    };
    let Some(offset) = FixedOffset::east_opt(hours * 3600) else {
        return;
    };
    let local = at.with_timezone(&offset);
    if (1..5).contains(&local.hour()) {
        out.push(hit_on(
            Code::ODD_SEND_TIME,
            format!(
                "{:02}:{:02} {} ({})",
                local.hour(),
                local.minute(),
                country,
                local.weekday()
            ),
        ));
    }
}

/// Whether the body opens with a greeting.
pub fn greets(text: &Text) -> bool {
    GREETING.is_match(text.lower_body())
}

/// The thread shows we wrote first and the buyer answers: a conversation, not a cold message.
pub fn in_conversation(inquiry: &Inquiry) -> bool {
    inquiry.thread.as_ref().is_some_and(|t| {
        t.our_last_reply_at.is_some()
            && (t.buyer_replied_at.is_some()
                || t.messages
                    .iter()
                    .any(|m| m.from == Sender::Seller && !m.auto))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_numbers_last_group_is_no_count() {
        for (text, counts) in [
            (
                "agrégame al whatsapp +52 55 1234 0987 para pedido grande",
                false,
            ),
            ("thêm zalo 0912 345 678 để bàn đơn lớn", false),
            ("call 0803 555 0142 today", false),
            ("pedido grande: 2.000 cadeiras, me chama no zap", true),
            ("طلبية كبيرة: ٥٠٠ حقيبة سوداء", true),
            ("+57 300 555 8821, need 300 mochilas", true),
            ("big order, add me", false),
        ] {
            assert_eq!(counts_beyond_phone_numbers(text), counts, "{text}");
        }
    }

    #[test]
    fn a_text_without_a_slash_or_www_holds_no_link() {
        // Every string of up to five characters over the characters a link is made
        // of, and some longer ones: wherever the link pattern matches, the quick
        // look says a link may be there.
        let alphabet = [
            'w', '.', '/', ':', 'h', 't', 'p', 's', 'a', 'b', '1', '-', ' ',
        ];
        let mut texts = crate::core::text::every_string(&alphabet, 5);
        texts.extend(
            [
                "www.ab",
                "see www.example.com",
                "a.bc/d",
                "https://x",
                "example.com",
                "a/b",
            ]
            .map(String::from),
        );
        let mut links = 0;
        for text in &texts {
            if URL.is_match(text) {
                links += 1;
                assert!(may_hold_link(text), "{text:?}");
            }
        }
        assert!(
            links > 100,
            "only {links} texts with a link: the test reads too little"
        );
    }

    #[test]
    fn every_built_in_pattern_compiles_and_needs_some_text() {
        for p in [
            &*URL,
            &*LINK_TEXT_PAIR,
            &*HTML_LINK,
            &*CREDENTIAL_WORDS,
            &*CREDENTIAL_PATH,
            &*ORDER_FILE,
            &*ORDER_NAME,
            &*EXPLAINS_ATTACHMENT,
            &*ADVANCE_FEE,
            &*FEE_FIRST,
            &*AWARD,
            &*ROMANCE,
            &*OFF_PLATFORM,
            &*ORDER_WORDS,
            &*PASSWORD_WORDS,
            &*PAYMENT_BAIT,
            &*ACCOUNT_THREAT,
            &*TENDER,
            &*INVITATION,
            &*FORWARDER_SELF,
            &*AGENCY_SELF,
            &*COOPERATION,
            &*COMPETITOR,
            &*MASS,
            &*PRICE_ALL,
            &*UNSUBSCRIBE,
            &*MONEY,
            &*PHARMA,
            &*MARKETING,
            &*QUANTITY,
            &*COUNT_UNIT,
            &*SPEC,
            &*TERMS,
            &*CERTS,
            &*DELIVERY,
            &*TARGET,
            &*PACKAGING,
            &*SAMPLES,
            &*COMPANY,
            &*GREETING,
        ] {
            // Forcing each one compiles it (a bad one panics); none may match
            // nothing at all, or every inquiry would carry its reason.
            assert_eq!(p.find(""), None, "{p:?}");
        }
    }

    #[test]
    fn hosts_and_registrable_domains() {
        for (url, host, reg) in [
            (
                "http://alibaba.com.secure-login.example/po",
                "alibaba.com.secure-login.example",
                "secure-login.example",
            ),
            (
                "https://user:pw@www.dhl.co.uk:8443/track?x=1",
                "www.dhl.co.uk",
                "dhl.co.uk",
            ),
            ("www.example.com", "www.example.com", "example.com"),
            ("http://198.51.100.23/x", "198.51.100.23", "100.23"),
        ] {
            assert_eq!(host_of(url), host, "{url}");
            assert_eq!(registrable(host_of(url)), reg, "{url}");
        }
        assert!(is_ip("198.51.100.23") && !is_ip("1.2.3") && !is_ip("a.b.c.d"));
    }

    #[test]
    fn a_site_named_after_the_company() {
        for (domain, company, named) in [
            ("mercyhealth.co.ke", "Mercy Health Group", true),
            ("hollinspike.com", "Hollins & Pike Drinkware LLC", true),
            ("kestrel-eng.co.uk", "Kestrel Engineering Ltd", true),
            (
                "coldline.example.com",
                "Coldline Catering Equipment LLC",
                true,
            ),
            ("mercy-docs-share.top", "Mercy Health Group", false),
            ("mercyhealthportal.com", "Mercy Health Group", false),
            ("abc.com", "ABC Ltd", false),
            ("healthmercy.com", "Mercy Health Group", false),
        ] {
            assert_eq!(
                named_after(domain, &company_words(company)),
                named,
                "{domain} / {company}"
            );
        }
    }

    #[test]
    fn cap_never_splits_a_character() {
        assert_eq!(cap("询盘助手", 4), "询");
        assert_eq!(cap("abc", 10), "abc");
    }
}
