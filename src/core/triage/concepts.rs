//! Concepts: what a message talks about, in the buyers' languages.
//!
//! A scam works through a mechanism (a log-in behind a link, a fee the supplier must
//! pay first, a seller posing as a buyer) and every wording of it names the same few
//! concepts. Each concept is one table under `concepts/`, one line per language:
//!
//! ```text
//! en  log in | sign in | password | verif*
//! zh  登录 | 密码
//! ```
//!
//! A term is a sequence of words matched on whole words of the folded text (lower
//! case, Latin accents and Arabic marks removed, so `contraseña` and `contrasena`
//! are one word); `verif*` matches any word that starts with `verif` (at least four
//! letters before the star); `#` matches any number. Chinese, which has no spaces,
//! is matched character by character. Adding a language is adding lines, not code.
//!
//! The detectors in `signals` ask which concepts a message names and whether two of
//! them are *related*: in a short message everything is related, in a long one they
//! must stand within [`RELATED_WINDOW`] words of each other. Some ask more narrowly
//! whether concepts stand in one *clause* (a sentence, ended by `.` `!` `?` `;`, a
//! line break or their Chinese and Arabic forms, at most [`CLAUSE_SPAN`] words
//! across), in any order: who does a service or who pays is said within a clause,
//! and word order differs from one language to the next ("wir übernehmen die
//! Verzollung", "die Verzollung übernehmen gerne wir").

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// In a message of at most this many words, any two concepts are related.
pub const SHORT_MESSAGE_WORDS: usize = 80;
/// In a longer message, two concepts are related within this many words.
pub const RELATED_WINDOW: usize = 30;
/// At most this many words of a message are read for concepts.
pub const MAX_WORDS: usize = 8_000;
/// Concepts read as one clause stand at most this many words apart.
pub const CLAUSE_SPAN: usize = 24;
/// A sign-off or quote header ends the sender's own words only after this many words
/// of the body: one that comes first is a greeting ("Saludos"), or heads a quoted
/// message the sender answers below it ("On Tue, 2 Dec 2026, Ann wrote:").
pub const OWN_WORDS_MIN: usize = 15;
/// What a message asks the reader to do or open, or refuses to say: only the sender's
/// own words ask or refuse it (a disclaimer's "confidential" withholds nothing).
const REQUESTS: &[Concept] = &[
    Concept::WithholdsDetails,
    Concept::LogIn,
    Concept::OpenDocument,
    Concept::OrderDocument,
    Concept::AccountAlert,
    Concept::ContactApp,
    Concept::MoveContact,
];
/// At most this many commas are noted (where a subject's reach ends).
const MAX_COMMAS: usize = 256;
/// Shortest stem a `stem*` term may have.
const MIN_STEM_CHARS: usize = 4;

macro_rules! concepts {
    ($($name:ident => $file:literal, $doc:literal;)*) => {
        /// A concept a message can name. Each has one table of terms.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Concept { $(#[doc = $doc] $name,)* }

        impl Concept {
            /// Every concept.
            pub const ALL: &'static [Concept] = &[$(Concept::$name,)*];

            /// The concept's table name (its file under `concepts/`).
            pub fn name(self) -> &'static str {
                match self { $(Concept::$name => $file,)* }
            }

            /// The concept's table, from the bundle of all tables.
            fn table(self) -> &'static str {
                bundled_table(self.name()).unwrap_or("")
            }
        }
    };
}

concepts! {
    LogIn => "log_in", "Signing in, passwords, verifying an account or mailbox.";
    OpenDocument => "open_document", "Opening, viewing or downloading a file or page.";
    OrderDocument => "order_document", "Order papers: purchase order, drawing, invoice, payment slip, B/L.";
    FeeFirst => "fee_first", "Fees a supplier is told to pay: registration, licence, activation, clearance.";
    SupplierPays => "supplier_pays", "Telling the supplier to pay, transfer or bear a cost.";
    NoCharge => "no_charge", "Nothing to pay: free of charge, no fee, you need not pay.";
    BeforePayment => "before_payment", "When a payment or an order may go ahead: before payment, to release the order.";
    Overpayment => "overpayment", "Paying more than owed and asking for the balance back.";
    RefundLater => "refund_later", "The sender promising to pay back later what the supplier pays now.";
    Commission => "commission", "A commission or percentage for an agent or middleman.";
    BankChange => "bank_change", "A changed or new bank account, payment to another account.";
    PaymentSent => "payment_sent", "A payment said to be made, a slip to confirm.";
    MoneyTransfer => "money_transfer", "Money transfer services, gift cards, crypto payment.";
    SellerOffer => "seller_offer", "The sender offers its own services or products.";
    Service => "service", "Services sold to exporters: freight, marketing, store operation, data lists.";
    AllItems => "all_items", "Every size, model or product, the whole catalogue or price list.";
    CompareSuppliers => "compare_suppliers", "Comparing suppliers or prices, other factories.";
    CostProbe => "cost_probe", "Cost breakdowns, factory cost, raw-material sources, margins.";
    WithholdsDetails => "withholds_details", "Refusing or unable to give quantity, country or details.";
    DearAll => "dear_all", "Addressed to all suppliers at once.";
    ContactApp => "contact_app", "Chat apps and personal contact channels.";
    MoveContact => "move_contact", "Asking to be contacted, added or answered elsewhere.";
    Crypto => "crypto", "Crypto, trading and investment schemes.";
    Romance => "romance", "Personal, lonely-heart and friendship approaches.";
    Invitation => "invitation", "Visa and invitation letters.";
    Tender => "tender", "Tenders and contract awards (a buying agent is a buyer, not listed).";
    Pressure => "pressure", "Pressure: urgent, today only, why no reply, last warning.";
    AccountAlert => "account_alert", "Account or mailbox suspended, full, expiring or blocked.";
    NameClaim => "name_claim", "Someone else registering the reader's name as a domain, keyword or trademark.";
    Prize => "prize", "Prizes, winnings, inheritances, easy money.";
    Purchase => "purchase", "Buying words: order, purchase, need, quote, price.";
    QrCode => "qr_code", "A QR code to scan: a link the text does not show.";
    OrderProgress => "order_progress", "An order already under way: its deposit, balance, proforma, production or shipment.";
    WeAct => "we_act", "The sender as the one who acts: we, I, our team, and verbs whose form says so.";
    Provide => "provide", "Doing something for someone: offer, provide, handle, take care of, run, sell.";
    OwnSide => "own_side", "Done by or for the sender's own side, or wanted by it: ourselves, our own forwarder, we need.";
    Pay => "pay", "Paying verbs: pay, settle, remit, cover a cost.";
    Reader => "reader", "The reader (the supplier) as the one addressed or who must act: you, your company, please.";
    WePay => "we_pay", "The sender as the one who pays: we pay, at our cost, paid by us.";
    WeNeed => "we_need", "The sender's own need, tied to a count or a buying verb: we need 200, нам нужны 40, we want to buy.";
    WeAre => "we_are", "The sender's identity or holdings: I am, we are, we have, firmasıyız.";
    MailBreak => "mail_break", "Where the sender's own words end: a sign-off, a quoted or forwarded message's header.";
    GoodsReceived => "goods_received", "A customer after an order: the goods arrived or were received, and how they are found.";
    SupplierNamed => "supplier_named", "The supplier named in the third person: the seller, the manufacturer, the factory.";
    Obligation => "obligation", "What must, has to or is required to happen: must, has to, 必须, debe, doit.";
    DealReference => "deal_reference", "A deal already begun with the supplier: the order placed, the samples, the shipment.";
    OwnUnit => "own_unit", "A unit of a count the quantity pattern does not list: шт, комплектов, pzas, koli, cái.";
    Paper => "paper", "Papers a buyer asks of a supplier: certificates, permits (also on the fee table).";
    Sum => "sum", "A sum of money: a number beside a currency code or name.";
    BigOrder => "big_order", "A large order promised without naming what: big order, 大单, pedidão, đơn lớn.";
    BankAccount => "bank_account", "A bank account written out: IBAN, SWIFT, account number, beneficiary.";
    Maker => "maker", "The sender as the maker of goods: we are a manufacturer, our factory produces, 本厂专业生产.";
    OwnAccount => "own_account", "The sender's own bank account: our account, nuestra cuenta, hesabımız, 我司账户.";
    PhoneFooter => "phone_footer", "A phone's mail footer under what was typed: Sent from my iPhone, 发自我的iPhone.";
    Disclaimer => "disclaimer", "A mail's legal footer: confidential, if you are not the intended recipient.";
}

/// Every table in one text, each after a `[name]` line (written by `build.rs`).
/// Native builds compile it in.
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED: &str = include_str!(concat!(env!("OUT_DIR"), "/concept-tables.txt"));

/// The tables handed over at start (the wasm leaves them out of its download).
static HANDED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn bundle() -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(HANDED.get().map_or(BUNDLED, String::as_str))
    }
    #[cfg(target_arch = "wasm32")]
    {
        HANDED.get().map(String::as_str)
    }
}

/// The lines of one table in a bundle, searched from its start ([`sections`] finds
/// them all at once; the tests check both agree).
#[cfg(test)]
fn section<'a>(bundle: &'a str, name: &str) -> Option<&'a str> {
    let header = format!("[{name}]\n");
    let start = if bundle.starts_with(&header) {
        header.len()
    } else {
        bundle.find(&format!("\n{header}"))? + header.len() + 1
    };
    let rest = &bundle[start..];
    let end = rest.find("\n[").map_or(rest.len(), |i| i + 1);
    Some(&rest[..end])
}

/// Every table of a bundle, `(name, lines)` in order, found in one pass over it: the
/// same text [`section`] finds for each name (the first table of a name; its lines up
/// to the next line that starts with `[`). A concept's table used to be looked for from
/// the bundle's start, one search per concept over 300 KB, when the lexicon was built
/// on the engine's first answer.
fn sections(bundle: &str) -> Vec<(&str, &str)> {
    let mut tables: Vec<(&str, &str)> = Vec::new();
    let mut at = 0usize;
    while let Some(rest) = bundle.get(at..) {
        let Some(line_end) = rest.find('\n') else {
            break;
        };
        let line = &rest[..line_end];
        let start = at + line_end + 1;
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if !tables.iter().any(|(known, _)| *known == name) {
                let lines = &bundle[start..];
                let end = lines.find("\n[").map_or(lines.len(), |i| i + 1);
                tables.push((name, &lines[..end]));
            }
        }
        // On to the next line that starts with `[`: a header can be no other.
        let rest = &bundle[start..];
        at = if rest.starts_with('[') {
            start
        } else {
            match rest.find("\n[") {
                Some(i) => start + i + 1,
                None => break,
            }
        };
    }
    tables
}

/// The tables of the bundle in use, indexed once (natively per bundle: the compiled-in
/// one, or the one handed over).
fn indexed(bundle: &'static str) -> &'static [(&'static str, &'static str)] {
    static HANDED_INDEX: std::sync::OnceLock<Vec<(&str, &str)>> = std::sync::OnceLock::new();
    #[cfg(not(target_arch = "wasm32"))]
    {
        static BUNDLED_INDEX: std::sync::OnceLock<Vec<(&str, &str)>> = std::sync::OnceLock::new();
        if std::ptr::eq(bundle, BUNDLED) {
            return BUNDLED_INDEX.get_or_init(|| sections(BUNDLED));
        }
    }
    match HANDED.get() {
        Some(handed) if std::ptr::eq(bundle, handed.as_str()) => {
            HANDED_INDEX.get_or_init(|| sections(handed))
        }
        _ => &[],
    }
}

/// The name of the built-in word model's table in the bundle (the last one).
pub const WORD_MODEL: &str = "word-model";

/// The name of the default templates' table in the bundle (their JSON, one line).
pub const TEMPLATES: &str = "templates";

/// The lines of one table of the bundle in use (a concept's, [`WORD_MODEL`] or
/// [`TEMPLATES`]), when the bundle is there.
pub fn bundled_table(name: &str) -> Option<&'static str> {
    let bundle = bundle()?;
    indexed(bundle)
        .iter()
        .find_map(|&(known, lines)| (known == name).then_some(lines))
}

/// Hands over the concept tables (the text of `data/concept-tables.txt`, as
/// `build.rs` bundles them, with the default templates and the built-in word model
/// as its last two tables). The wasm must be given them before its first engine;
/// giving the same text again is fine, another text once read is refused.
pub fn use_tables(bundle: String) -> Result<(), String> {
    let tables = sections(&bundle);
    let table = |name: &str| {
        tables
            .iter()
            .find_map(|&(known, lines)| (known == name).then_some(lines))
    };
    let missing: Vec<&str> = Concept::ALL
        .iter()
        .map(|c| c.name())
        .chain([WORD_MODEL, TEMPLATES])
        .filter(|name| table(name).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the concept tables lack {}: pass the whole data/concept-tables.txt",
            missing.join(", ")
        ));
    }
    let templates = table(TEMPLATES).unwrap_or_default();
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(templates) {
        return Err(format!(
            "the concept tables' templates are not JSON ({e}): pass data/concept-tables.txt as built"
        ));
    }
    match HANDED.get() {
        Some(held) if *held == bundle => Ok(()),
        Some(_) => {
            Err("other concept tables are already in use; reload the engine to change them".into())
        }
        None => HANDED
            .set(bundle)
            .map_err(|_| "concept tables were set at the same time; try again".into()),
    }
}

/// Whether the concept tables are there to read (always, natively).
pub fn loaded() -> bool {
    bundle().is_some()
}

/// Folds one character for matching: lower case, Latin accents off, Arabic marks off.
/// Returns `None` for characters that vanish (combining marks, tatweel).
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' => out.push(c),
        _ if c.is_ascii() => out.push(c),
        'ß' => out.push_str("ss"),
        'İ' | 'ı' => out.push('i'),
        'đ' | 'Đ' => out.push('d'),
        'ё' | 'Ё' => out.push('е'),
        // Arabic: short vowels, shadda, sukun and tatweel vanish; alef forms are one.
        '\u{064B}'..='\u{0652}' | '\u{0640}' | '\u{0670}' => {}
        'أ' | 'إ' | 'آ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        // Combining accents (text written decomposed).
        '\u{0300}'..='\u{036F}' => {}
        '\u{1EA0}'..='\u{1EF9}' => {
            // Vietnamese letters with tone marks, in pairs (upper, lower) from U+1EA0.
            const BASES: &[u8] = b"aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";
            let pair = (c as usize - 0x1EA0) / 2;
            out.push(char::from(BASES.get(pair).copied().unwrap_or(b'a')));
        }
        _ => {
            for l in c.to_lowercase() {
                out.push(latin_base(l).unwrap_or(l));
            }
        }
    }
}

/// The base letter of an accented Latin letter (lower case).
fn latin_base(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ơ' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'ư' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

/// Whether a character is written without spaces between words (read one by one).
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// A word of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word<'a> {
    /// The folded word (one character for Chinese).
    pub text: &'a str,
    /// Whether it is a number.
    pub number: bool,
}

/// The folded words of a text, kept in one buffer (no allocation per word).
#[derive(Debug, Default, Clone)]
pub struct Words {
    folded: String,
    /// (start, end) in `folded`, whether it is a number, and its clause (from 0).
    spans: Vec<(u32, u32, bool, u32)>,
    /// The clauses that end with a question mark.
    questions: Vec<u32>,
    /// Where a comma stands: the position of the word after it (at most
    /// [`MAX_COMMAS`]). A subject and its verb stand on one side of a comma.
    commas: Vec<u32>,
    /// The clause being read.
    clause: u32,
    /// Where each word starts in the text read (a byte offset).
    sources: Vec<u32>,
}

impl Words {
    /// How many words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The word at `i`.
    pub fn get(&self, i: usize) -> Option<Word<'_>> {
        self.spans.get(i).map(|&(start, end, number, _)| Word {
            text: &self.folded[start as usize..end as usize],
            number,
        })
    }

    /// Every word in order.
    pub fn iter(&self) -> impl Iterator<Item = Word<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Word `i`'s first eight bytes as [`Opening::of`] gives them (0 past the end).
    fn opening(&self, i: usize) -> u64 {
        self.spans.get(i).map_or(0, |&(start, end, _, _)| {
            Opening::of(
                self.folded
                    .as_bytes()
                    .get(start as usize..end as usize)
                    .unwrap_or_default(),
            )
        })
    }

    /// Where word `i` starts in the text it was read from (a byte offset).
    pub fn source(&self, i: usize) -> Option<usize> {
        self.sources.get(i).map(|&at| at as usize)
    }

    /// The first word that starts at byte `at` of the text read or later (the count of
    /// words when none does).
    pub fn first_from(&self, at: usize) -> usize {
        self.sources.partition_point(|s| (*s as usize) < at)
    }

    /// The clause word `i` stands in.
    pub fn clause(&self, i: usize) -> Option<u32> {
        self.spans.get(i).map(|s| s.3)
    }

    /// Empties the words read, keeping the buffers.
    fn clear(&mut self) {
        self.folded.clear();
        self.spans.clear();
        self.questions.clear();
        self.commas.clear();
        self.clause = 0;
        self.sources.clear();
    }

    /// Notes a comma before the next word.
    fn comma(&mut self) {
        if self.commas.len() < MAX_COMMAS {
            self.commas
                .push(u32::try_from(self.spans.len()).unwrap_or(u32::MAX));
        }
    }

    /// Ends the clause being read (`question`: it ended with a question mark). A
    /// clause with no words yet goes on.
    fn end_clause(&mut self, question: bool) {
        if self.spans.last().is_some_and(|s| s.3 == self.clause) {
            if question && self.questions.len() < 64 {
                self.questions.push(self.clause);
            }
            self.clause += 1;
        }
    }

    fn close(&mut self, start: &mut usize, number: bool, source: usize) {
        if self.folded.len() > *start {
            // No chat spelling is longer than CHAT_SPELLING_MAX: a longer word is none.
            if let Some((_, full)) = CHAT_SPELLINGS.iter().find(|(short, _)| {
                !number
                    && self.folded.len() - *start <= CHAT_SPELLING_MAX
                    && self.folded[*start..] == **short
            }) {
                self.folded.truncate(*start);
                self.folded.push_str(full);
            }
            // The buffer is capped by MAX_SCAN_BYTES-sized texts: u32 offsets suffice.
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            self.spans.push((
                to_u32(*start),
                to_u32(self.folded.len()),
                number,
                self.clause,
            ));
            self.sources.push(to_u32(source));
        }
        *start = self.folded.len();
    }
}

/// Chat spellings read as the words they stand for, so that one table term ("register
/// your brand", "você precisa pagar") also covers the way chat types it ("register ur
/// brand", "vc precisa pagar").
const CHAT_SPELLINGS: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("pls", "please"),
    ("plz", "please"),
    ("vc", "voce"),
];

/// The longest of the [`CHAT_SPELLINGS`] (a test checks it).
const CHAT_SPELLING_MAX: usize = 3;

/// Splits text into folded words: runs of letters, runs of digits (so `500pcs` is
/// `500` and `pcs`), and single Chinese characters. At most `max` words.
pub fn words(text: &str, max: usize) -> Words {
    let mut out = Words {
        folded: String::with_capacity(text.len().min(max.saturating_mul(12))),
        spans: Vec::with_capacity(max.min(text.len() / 4 + 1)),
        sources: Vec::with_capacity(max.min(text.len() / 4 + 1)),
        questions: Vec::new(),
        commas: Vec::new(),
        clause: 0,
    };
    read_words(text, max, &mut out);
    out
}

/// [`words`] into `out`, which must be empty ([`Words::default`] or
/// [`Words::clear`]ed): the lexicon's build folds thousands of table words through
/// one buffer instead of three new ones each.
fn read_words(text: &str, max: usize, out: &mut Words) {
    let mut start = 0usize;
    let mut digits = false;
    // A full stop ends a clause only before a space ("1.5", "x.com" go on).
    let mut stop = false;
    // Where the word being read started in `text`.
    let mut source = 0usize;
    let bytes = text.as_bytes();
    let mut next = 0usize;
    while let Some(&byte) = bytes.get(next) {
        let at = next;
        let c = if byte.is_ascii() {
            char::from(byte)
        } else {
            text.get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' ')
        };
        next += c.len_utf8();
        if out.spans.len() >= max {
            break;
        }
        if out.folded.len() == start {
            source = at;
        }
        if stop {
            stop = false;
            if c.is_whitespace() {
                out.end_clause(false);
            }
        }
        // Most text is ASCII: its letters, digits and separators without the tables.
        if c.is_ascii() {
            if c.is_ascii_digit() {
                if !digits {
                    out.close(&mut start, false, source);
                    source = at;
                    digits = true;
                }
                out.folded.push(c);
            } else if c.is_ascii_alphabetic() {
                if digits {
                    out.close(&mut start, true, source);
                    source = at;
                    digits = false;
                }
                // The rest of a run of ASCII letters goes on the same word.
                let run = if crate::core::text::NATIVE {
                    bytes[at..]
                        .iter()
                        .position(|b| !b.is_ascii_alphabetic())
                        .unwrap_or(bytes.len() - at)
                } else {
                    1
                };
                let from = out.folded.len();
                out.folded.push_str(&text[at..at + run]);
                out.folded[from..].make_ascii_lowercase();
                next = at + run;
            } else {
                // A separator after another, or after a number, closes nothing.
                if out.folded.len() > start {
                    out.close(&mut start, digits, source);
                }
                digits = false;
                match c {
                    '.' => stop = true,
                    '!' | ';' | '\n' => out.end_clause(false),
                    '?' => out.end_clause(true),
                    ',' => out.comma(),
                    _ => {}
                }
            }
            continue;
        }
        if is_ideograph(c) {
            out.close(&mut start, digits, source);
            out.folded.push(c);
            out.close(&mut start, false, at);
            digits = false;
        } else if c.is_ascii_digit() {
            if !digits {
                out.close(&mut start, false, source);
                source = at;
                digits = true;
            }
            out.folded.push(c);
        } else if c.is_alphanumeric()
            || ('\u{0300}'..='\u{036F}').contains(&c)
            || ('\u{064B}'..='\u{0652}').contains(&c)
        {
            if digits {
                out.close(&mut start, true, source);
                source = at;
                digits = false;
            }
            fold_char(c, &mut out.folded);
        } else {
            out.close(&mut start, digits, source);
            digits = false;
            match c {
                '。' | '！' | '；' | '…' | '؛' => out.end_clause(false),
                '？' | '؟' => out.end_clause(true),
                '，' | '、' | '،' => out.comma(),
                _ => {}
            }
        }
    }
    out.close(&mut start, digits, source);
    out.spans.truncate(max);
    out.sources.truncate(max);
}

/// One word of a term: a word of the table as it is written when it is already
/// folded (most are), else its folded copy.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Exact(Cow<'static, str>),
    Stem(Cow<'static, str>),
    Number,
}

impl Part {
    fn matches(&self, word: &Word) -> bool {
        match self {
            Part::Exact(w) => word.text == w,
            Part::Stem(s) => word.text.starts_with(s.as_ref()),
            Part::Number => word.number,
        }
    }
}

#[derive(Debug, Clone)]
struct Term {
    concept: Concept,
    parts: Vec<Part>,
    /// What the words at its first two parts must begin with ([`Opening`]): a term
    /// that cannot match is passed over for a comparison of two numbers.
    openings: [Opening; 2],
}

impl Term {
    fn new(concept: Concept, parts: Vec<Part>) -> Term {
        let opening = |at: usize| match parts.get(at) {
            Some(Part::Exact(word)) => Opening::exact(word),
            Some(Part::Stem(stem)) => Opening::starting(stem),
            Some(Part::Number) | None => Opening::ANY,
        };
        let openings = [opening(0), opening(1)];
        Term {
            concept,
            parts,
            openings,
        }
    }
}

/// The first eight bytes a word must have to match a part of a term, as a masked
/// number: a word matches only if its [`Opening::of`] agrees with `bits` under
/// `mask`. A necessary test, never a sufficient one (the part itself decides).
#[derive(Debug, Clone, Copy)]
struct Opening {
    mask: u64,
    bits: u64,
}

impl Opening {
    /// Any word (a number part, or no part).
    const ANY: Opening = Opening { mask: 0, bits: 0 };

    /// A word's first eight bytes (little-endian, zeros after a shorter word).
    fn of(word: &[u8]) -> u64 {
        word.iter()
            .take(8)
            .enumerate()
            .fold(0, |bits, (k, &b)| bits | u64::from(b) << (8 * k))
    }

    /// The word itself: all eight bytes, so that a shorter word's zeros are compared
    /// too (no folded word holds a zero byte, so a longer word differs there).
    fn exact(word: &str) -> Opening {
        Opening {
            mask: u64::MAX,
            bits: Opening::of(word.as_bytes()),
        }
    }

    /// A word that starts with `stem`: its first bytes only.
    fn starting(stem: &str) -> Opening {
        let n = stem.len().min(8);
        Opening {
            mask: if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            },
            bits: Opening::of(stem.as_bytes()),
        }
    }

    fn admits(self, word: u64) -> bool {
        word & self.mask == self.bits
    }
}

/// Every term of every table, indexed by its first word.
#[derive(Debug, Default)]
struct Lexicon {
    /// First word → terms.
    exact: FxHashMap<Cow<'static, str>, Vec<Term>>,
    /// First `MIN_STEM_CHARS` characters of a stem → terms starting with that stem.
    stems: FxHashMap<String, Vec<Term>>,
    /// The keys of `exact`, filtered: a word whose bit is clear starts no term.
    exact_keys: KeyFilter,
    /// The keys of `stems`, filtered alike.
    stem_keys: KeyFilter,
    /// Terms starting with a number.
    numbers: Vec<Term>,
    /// Lines that could not be read: (table, line, why).
    problems: Vec<(&'static str, usize, String)>,
}

/// The languages every table covers.
pub const LANGUAGES: &[&str] = &[
    "en", "zh", "es", "pt", "fr", "ru", "ar", "tr", "de", "vi", "id",
];

/// The parts of `term`; `folded`: a buffer for the words that must be folded.
fn parse_term(term: &'static str, folded: &mut Words) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    for raw in term.split_whitespace() {
        if raw == "#" {
            parts.push(Part::Number);
            continue;
        }
        let (body, stem) = match raw.strip_suffix('*') {
            Some(b) => (b, true),
            None => (raw, false),
        };
        // Most words of the tables are already folded, which `words` gives back as
        // they are: taken so, without folding or copying them.
        if is_plain_word(body) {
            if stem && body.chars().count() < MIN_STEM_CHARS {
                return Err(format!(
                    "stem '{raw}' is shorter than {MIN_STEM_CHARS} letters"
                ));
            }
            parts.push(if stem {
                Part::Stem(Cow::Borrowed(body))
            } else {
                Part::Exact(Cow::Borrowed(body))
            });
            continue;
        }
        // Chinese: one word per character, as `words` reads it (at most 64).
        if !stem && body.chars().all(is_ideograph) {
            parts.extend(
                body.matches(is_ideograph)
                    .take(64)
                    .map(|c| Part::Exact(Cow::Borrowed(c))),
            );
            continue;
        }
        push_folded(raw, body, stem, folded, &mut parts)?;
    }
    if parts.is_empty() {
        return Err("empty term".into());
    }
    Ok(parts)
}

/// The parts of one word of a term as `words` reads it (`body`: the word without its
/// stem mark, `raw`: as written, for the errors), folded in the buffer `folded`.
fn push_folded(
    raw: &str,
    body: &str,
    stem: bool,
    folded: &mut Words,
    parts: &mut Vec<Part>,
) -> Result<(), String> {
    folded.clear();
    read_words(body, 64, folded);
    if folded.is_empty() {
        return Err(format!("'{raw}' has no letters"));
    }
    let last = folded.len() - 1;
    for (i, w) in folded.iter().enumerate() {
        if stem && i == last {
            if w.text.chars().count() < MIN_STEM_CHARS {
                return Err(format!(
                    "stem '{raw}' is shorter than {MIN_STEM_CHARS} letters"
                ));
            }
            parts.push(Part::Stem(Cow::Owned(w.text.to_string())));
        } else {
            parts.push(Part::Exact(Cow::Owned(w.text.to_string())));
        }
    }
    Ok(())
}

/// Whether `words` reads `text` as one word, the text itself: letters that fold to
/// themselves only (lower-case ASCII and Cyrillic letters, Arabic letters other than
/// the alef forms, alef maqsura, teh marbuta and tatweel), and not a chat spelling it
/// would write out.
fn is_plain_word(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_lowercase()
                || ('а'..='я').contains(&c)
                || (('\u{0621}'..='\u{064A}').contains(&c)
                    && !matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ة' | '\u{0640}'))
        })
        && !CHAT_SPELLINGS.iter().any(|(short, _)| *short == text)
}

impl Concept {
    /// Whether the concept names a role in a clause (who acts, does, pays, is
    /// addressed). Roles are words every message holds ("we", "you", "do"), so they
    /// are read only when a concept that needs them is named ([`NEEDS_ROLES`]).
    pub fn is_role(self) -> bool {
        use Concept::*;
        matches!(
            self,
            WeAct | Provide | OwnSide | Pay | Reader | SupplierNamed | Obligation | WePay | WeAre
        )
    }
}

/// The concepts whose rules read roles: a service (who sells it), a fee, a cost
/// promised back, another account and a visa letter's trip (who pays them).
pub const NEEDS_ROLES: &[Concept] = &[
    Concept::Invitation,
    Concept::Service,
    Concept::FeeFirst,
    Concept::RefundLater,
    Concept::BankChange,
];

/// Bits in a [`KeyFilter`].
const KEY_FILTER_BITS: usize = 1 << 14;

/// A one-bit-per-key filter of a map's keys, by their length and first, second and
/// last bytes: most words of a message start no term of the concept tables, and a
/// clear bit says so for less than a look-up in the map costs. A set bit proves
/// nothing (the map decides).
#[derive(Debug)]
struct KeyFilter(Box<[u64; KEY_FILTER_BITS / 64]>);

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter(Box::new([0; KEY_FILTER_BITS / 64]))
    }
}

impl KeyFilter {
    /// The bit of `key`.
    fn bit(key: &str) -> usize {
        let b = key.as_bytes();
        let byte = |at: Option<&u8>| u32::from(at.copied().unwrap_or(0));
        let len = u32::try_from(b.len()).unwrap_or(u32::MAX);
        let h = len.wrapping_mul(0x9E37_79B1)
            ^ byte(b.first()).wrapping_mul(0x85EB_CA77)
            ^ byte(b.get(1)).wrapping_mul(0xC2B2_AE3D)
            ^ byte(b.last()).wrapping_mul(0x27D4_EB2F);
        // The top bits, the best mixed.
        usize::try_from(h >> (32 - KEY_FILTER_BITS.trailing_zeros())).unwrap_or(0)
    }

    fn insert(&mut self, key: &str) {
        let bit = KeyFilter::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `key` may be one of the keys inserted.
    fn may_hold(&self, key: &str) -> bool {
        let bit = KeyFilter::bit(key);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl Lexicon {
    /// The lexicon of the role concepts (`roles`) or of all the others.
    fn build(roles: bool) -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut folded = Words::default();
        for &concept in Concept::ALL.iter().filter(|c| c.is_role() == roles) {
            for (n, line) in concept.table().lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let Some((lang, terms)) = line.split_once(char::is_whitespace) else {
                    lexicon.problems.push((
                        concept.name(),
                        n + 1,
                        "no terms after the language".into(),
                    ));
                    continue;
                };
                if !LANGUAGES.contains(&lang) {
                    lexicon.problems.push((
                        concept.name(),
                        n + 1,
                        format!("unknown language '{lang}'"),
                    ));
                }
                for term in terms.split('|').map(str::trim).filter(|t| !t.is_empty()) {
                    match parse_term(term, &mut folded) {
                        Ok(parts) => lexicon.add(Term::new(concept, parts)),
                        Err(why) => lexicon.problems.push((concept.name(), n + 1, why)),
                    }
                }
            }
        }
        lexicon
    }

    fn add(&mut self, term: Term) {
        match &term.parts[0] {
            Part::Exact(w) => {
                self.exact_keys.insert(w);
                // The key is copied only for a word not seen before.
                match self.exact.get_mut(w.as_ref()) {
                    Some(terms) => terms.push(term),
                    None => {
                        self.exact.insert(w.clone(), vec![term]);
                    }
                }
            }
            Part::Stem(s) => {
                let key: String = s.chars().take(MIN_STEM_CHARS).collect();
                self.stem_keys.insert(&key);
                self.stems.entry(key).or_default().push(term);
            }
            Part::Number => self.numbers.push(term),
        }
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(false));
static ROLES: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(true));

/// Lines of the concept tables that could not be read (a test keeps this empty).
pub fn table_problems() -> Vec<(&'static str, usize, String)> {
    LEXICON
        .problems
        .iter()
        .chain(&ROLES.problems)
        .cloned()
        .collect()
}

/// Terms per concept and language (for the coverage test).
pub fn languages_of(concept: Concept) -> Vec<&'static str> {
    concept
        .table()
        .lines()
        .filter_map(|l| {
            l.trim()
                .split_once(char::is_whitespace)
                .map(|(lang, _)| lang)
        })
        .filter(|l| !l.starts_with('#'))
        .collect()
}

/// The concepts a message names, with the word positions where each was named.
#[derive(Debug, Clone)]
pub struct Found {
    /// By concept (its place in [`Concept::ALL`]): (word position, clause) of each
    /// naming, `None` for a concept never named.
    at: [Option<Vec<(usize, u32)>>; Concept::ALL.len()],
    /// Word positions where a link starts (`http`, `https`, `www`).
    links: Vec<usize>,
    /// The clauses that end with a question mark.
    questions: Vec<u32>,
    /// Where commas stand (the position of the word after each).
    commas: Vec<u32>,
    /// Words in the message read.
    pub word_count: usize,
    /// Words the sender itself writes now: all of them, or those before the mail
    /// break found by [`Found::end_own_words`].
    pub own_words: usize,
}

impl Default for Found {
    fn default() -> Found {
        Found {
            at: [const { None }; Concept::ALL.len()],
            links: Vec::new(),
            questions: Vec::new(),
            commas: Vec::new(),
            word_count: 0,
            own_words: 0,
        }
    }
}

impl Found {
    /// Reads a text.
    pub fn of(text: &str) -> Found {
        Found::of_words(&words(text, MAX_WORDS))
    }

    /// Reads already split words: every concept, and the role concepts only when a
    /// concept that needs them is named ([`NEEDS_ROLES`]).
    pub fn of_words(words: &Words) -> Found {
        let mut found = Found {
            at: [const { None }; Concept::ALL.len()],
            links: Vec::new(),
            questions: words.questions.clone(),
            commas: words.commas.clone(),
            word_count: words.len(),
            own_words: words.len(),
        };
        found.read(words, &LEXICON, true);
        if NEEDS_ROLES.iter().any(|c| found.has(*c)) {
            found.read(words, &ROLES, false);
        }
        found
    }

    /// Records the concepts of one lexicon (and, with `links`, where links start).
    fn read(&mut self, words: &Words, lexicon: &Lexicon, links: bool) {
        // `first_matched`: the terms were found by their first part, which word `i`
        // is known to match (a number, or the very word), so the check starts at the
        // second.
        let check = |terms: &[Term], i: usize, first_matched: bool, found: &mut Found| {
            let from = usize::from(first_matched);
            // The opening of the first word still to match, read once for all terms.
            let opening = words.opening(i + from);
            for term in terms {
                let end = i + term.parts.len();
                if term.openings[from].admits(opening)
                    && end <= words.len()
                    && term
                        .parts
                        .iter()
                        .enumerate()
                        .skip(from)
                        .all(|(k, p)| words.get(i + k).is_some_and(|w| p.matches(&w)))
                {
                    let list = found.at[term.concept as usize].get_or_insert_with(Vec::new);
                    if list.last().map(|l| l.0) != Some(i) && list.len() < 64 {
                        list.push((i, words.clause(i).unwrap_or(0)));
                    }
                }
            }
        };
        for (i, word) in words.iter().enumerate() {
            let word = &word;
            if word.number {
                check(&lexicon.numbers, i, true, self);
                continue;
            }
            if links && matches!(word.text, "http" | "https" | "www") && self.links.len() < 64 {
                self.links.push(i);
            }
            if lexicon.exact_keys.may_hold(word.text) {
                if let Some(terms) = lexicon.exact.get(word.text) {
                    check(terms, i, true, self);
                }
            }
            // The stem key is the word's first MIN_STEM_CHARS characters, sliced, not
            // copied: natively, of a word that starts with as many ASCII bytes, its
            // first bytes at once.
            let ascii_key = word
                .text
                .get(..MIN_STEM_CHARS)
                .filter(|key| crate::core::text::NATIVE && key.is_ascii());
            let key_end = ascii_key.map(str::len).or_else(|| {
                let (cut, _) = word.text.char_indices().nth(MIN_STEM_CHARS - 1)?;
                Some(cut + word.text[cut..].chars().next().map_or(0, char::len_utf8))
            });
            if let Some(key_end) = key_end {
                let key = &word.text[..key_end];
                if !lexicon.stem_keys.may_hold(key) {
                    continue;
                }
                if let Some(terms) = lexicon.stems.get(key) {
                    check(terms, i, false, self);
                }
            }
        }
    }

    /// Ends the sender's own words at the first [`Concept::MailBreak`] (a sign-off, a
    /// quoted message's header) at word `from` or later, and forgets the links and the
    /// [`REQUESTS`] after it: a signature's chat numbers, a disclaimer's passwords and
    /// an earlier message quoted below are not what the sender asks of the reader now,
    /// and must neither dilute a short lure nor lend it their words.
    pub fn end_own_words(&mut self, from: usize) {
        self.end_own_words_at(Concept::MailBreak, from);
    }

    /// Ends the sender's own words at the first naming of `concept` at word `from` or
    /// later, as [`Found::end_own_words`] does at a mail break, where that is earlier
    /// than where they end now.
    pub fn end_own_words_at(&mut self, concept: Concept, from: usize) {
        let Some(end) = self
            .namings(concept)
            .and_then(|xs| xs.iter().map(|x| x.0).find(|at| *at >= from))
            .filter(|end| *end < self.own_words)
        else {
            return;
        };
        self.own_words = end;
        self.forget_requests_from(end);
    }

    /// Forgets the links and the [`REQUESTS`] from word `end` on: what stands after a
    /// signature's `--` line or a quote's rule (a break told by the mail's layout) is
    /// not asked of the reader now. The own words keep their count: a mailing list's
    /// footer below `--` still makes its message long, not a short lure.
    pub fn forget_requests_from(&mut self, end: usize) {
        // Positions are recorded in reading order: the ones before the break lead.
        self.links
            .truncate(self.links.partition_point(|at| *at < end));
        for concept in REQUESTS {
            let slot = &mut self.at[*concept as usize];
            if let Some(xs) = slot {
                xs.truncate(xs.partition_point(|x| x.0 < end));
                // A concept no longer named is not named: `related` reads a present list
                // as named (in a short message, anything named is related).
                if xs.is_empty() {
                    *slot = None;
                }
            }
        }
    }

    /// The namings of a concept, `None` when it was never named.
    fn namings(&self, concept: Concept) -> Option<&Vec<(usize, u32)>> {
        self.at[concept as usize].as_ref()
    }

    /// Whether the message names the concept.
    pub fn has(&self, concept: Concept) -> bool {
        self.count(concept) > 0
    }

    /// How many times the message names the concept (capped at 64).
    pub fn count(&self, concept: Concept) -> usize {
        self.namings(concept).map_or(0, Vec::len)
    }

    /// Whether two concepts are named close together (anywhere in a short message).
    pub fn related(&self, a: Concept, b: Concept) -> bool {
        let (Some(xs), Some(ys)) = (self.namings(a), self.namings(b)) else {
            return false;
        };
        if self.word_count <= SHORT_MESSAGE_WORDS {
            return true;
        }
        xs.iter()
            .any(|x| ys.iter().any(|y| x.0.abs_diff(y.0) <= RELATED_WINDOW))
    }

    /// Whether the concept is named close to a link (anywhere in a short message).
    pub fn near_link(&self, concept: Concept) -> bool {
        let Some(xs) = self.namings(concept) else {
            return false;
        };
        !self.links.is_empty()
            && (self.word_count <= SHORT_MESSAGE_WORDS
                || self
                    .links
                    .iter()
                    .any(|l| xs.iter().any(|x| x.0.abs_diff(*l) <= RELATED_WINDOW)))
    }

    /// Whether the concept is named within `window` words of a word position.
    pub fn near(&self, concept: Concept, position: usize, window: usize) -> bool {
        self.namings(concept)
            .is_some_and(|xs| xs.iter().any(|x| x.0.abs_diff(position) <= window))
    }

    /// Whether one clause names every concept of `all`, within [`CLAUSE_SPAN`] words
    /// of the first's naming, in any order, and none of `none`. A clause that ends
    /// with a question mark counts only when `questions` says so (a demand is not
    /// asked).
    pub fn in_one_clause(&self, all: &[Concept], none: &[Concept], questions: bool) -> bool {
        self.in_one_clause_where(all, none, questions, |_, _| false)
    }

    /// [`Found::in_one_clause`], with the namings `passed` picks out left unread (of
    /// `all` and of `none`): `passed(concept, (position, clause))`.
    pub fn in_one_clause_where(
        &self,
        all: &[Concept],
        none: &[Concept],
        questions: bool,
        passed: impl Fn(Concept, (usize, u32)) -> bool,
    ) -> bool {
        let Some((first, rest)) = all.split_first() else {
            return false;
        };
        let Some(xs) = self.namings(*first) else {
            return false;
        };
        if rest.iter().any(|c| !self.has(*c)) {
            return false;
        }
        let in_clause = |c: &Concept, x: &(usize, u32)| {
            self.namings(*c).is_some_and(|ys| {
                ys.iter()
                    .any(|y| y.1 == x.1 && y.0.abs_diff(x.0) <= CLAUSE_SPAN && !passed(*c, *y))
            })
        };
        xs.iter().any(|x| {
            (questions || !self.questions.contains(&x.1))
                && !passed(*first, *x)
                && rest.iter().all(|c| in_clause(c, x))
                && !none.iter().any(|c| {
                    self.namings(*c)
                        .is_some_and(|ys| ys.iter().any(|y| y.1 == x.1 && !passed(*c, *y)))
                })
        })
    }

    /// Whether the word at `at` (in clause `clause`) has the sender's side as its
    /// subject: the nearest subject before it in its clause, with no comma between,
    /// is the sender or its own side ("nuestro agente debe depositar", "our customs
    /// broker must pay", "我方报关行缴纳", "وكيلنا يجب أن يدفع"), not the reader or
    /// the supplier named ("our agent needs you to transfer", "your company must pay
    /// to our agent"). A word of obligation is a verb, not a subject, whoever its
    /// table says it addresses ("debe", "يجب" read as the reader's, "需要", "cần"
    /// read as the sender's need): its subject says who pays, and a paying word with
    /// no subject before it stays the reader's ("debe pagar primero", "as agreed,
    /// must pay", "代理说发件人需要先付").
    pub fn sender_subject(&self, at: usize, clause: u32) -> bool {
        use Concept::{Obligation, OwnSide, Reader, SupplierNamed, WeAct, WePay};
        // The subject's reach: back to the clause's start, the comma before `at`,
        // or a clause's span.
        let after_comma = self
            .commas
            .iter()
            .map(|&c| c as usize)
            .filter(|&c| c <= at)
            .max()
            .unwrap_or(0);
        let from = after_comma.max(at.saturating_sub(CLAUSE_SPAN));
        let latest = |c: Concept| {
            self.namings(c).and_then(|xs| {
                xs.iter()
                    .filter(|x| x.1 == clause && x.0 >= from && x.0 < at)
                    .filter(|x| !self.near(Obligation, x.0, 0))
                    .map(|x| x.0)
                    .max()
            })
        };
        let sender = [OwnSide, WeAct, WePay].into_iter().filter_map(latest).max();
        let reader = [Reader, SupplierNamed].into_iter().filter_map(latest).max();
        match (sender, reader) {
            (Some(s), Some(r)) => s > r,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// Whether a naming of a paying or addressing concept is the sender side's own:
    /// a paying verb ([`Concept::Pay`], or [`Concept::SupplierPays`] where it starts
    /// with one, a word or two before one, or a word of obligation: "must pay",
    /// "debe", "先支付") or a word of
    /// obligation read as addressing the reader, whose subject is the sender's side
    /// ([`Found::sender_subject`]). A naming that says its payer itself ("you must
    /// pay", "dari pengirim", "paid by the supplier"), and a plain "you", is the
    /// reader's whoever stands before it.
    pub fn said_of_sender(&self, concept: Concept, (at, clause): (usize, u32)) -> bool {
        let obligation = || self.near(Concept::Obligation, at, 0);
        let verb = match concept {
            Concept::Pay => true,
            // A term that starts with its payer says who pays; one that starts
            // with the verb, or a word or two before it ("先支付"), does not.
            Concept::SupplierPays => {
                let verb_from = |c: Concept| {
                    self.namings(c)
                        .is_some_and(|xs| xs.iter().any(|x| (at..=at + 2).contains(&x.0)))
                };
                (!self.near(Concept::Reader, at, 0)
                    && !self.near(Concept::SupplierNamed, at, 0)
                    && (verb_from(Concept::Pay) || verb_from(Concept::Obligation)))
                    || obligation()
            }
            Concept::Reader => obligation(),
            _ => false,
        };
        verb && self.sender_subject(at, clause)
    }

    /// The concepts named, for debugging and tests.
    pub fn concepts(&self) -> Vec<Concept> {
        let mut all: Vec<Concept> = Concept::ALL
            .iter()
            .filter(|c| self.namings(**c).is_some_and(|xs| !xs.is_empty()))
            .copied()
            .collect();
        all.sort();
        all
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_filters_hold_every_key_and_rule_out_most_others() {
        for lexicon in [&*LEXICON, &*ROLES] {
            assert!(!lexicon.exact.is_empty() && !lexicon.stems.is_empty());
            let exact: Vec<&str> = lexicon.exact.keys().map(AsRef::as_ref).collect();
            let stems: Vec<&str> = lexicon.stems.keys().map(String::as_str).collect();
            for (keys, filter) in [(exact, &lexicon.exact_keys), (stems, &lexicon.stem_keys)] {
                assert!(keys.iter().all(|k| filter.may_hold(k)));
                let set: u32 = filter.0.iter().map(|w| w.count_ones()).sum();
                assert!(
                    usize::try_from(set).unwrap_or(usize::MAX) < KEY_FILTER_BITS / 3,
                    "{set} of {KEY_FILTER_BITS} bits set"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn the_payer_is_the_subject_before_the_paying_verb() {
        // (text, whether its last paying verb's subject is the sender's side)
        let cases = [
            ("our customs broker must pay the clearance fee", true),
            ("nuestro agente debe depositar la fianza", true),
            ("we have to pay the listing fee ourselves", true),
            ("清关押金由我方报关行缴纳", true),
            ("our agent needs you to transfer the bond", false),
            ("debe pagar primero el certificado a nuestro agente", false),
            (
                "as agreed with our agent, pay the clearance fee first",
                false,
            ),
            (
                "样品运费我们已经付了，但是代理说发件人需要先付保证金",
                false,
            ),
        ];
        for (text, sender) in cases {
            let found = Found::of(text);
            let pays = found.namings(Concept::Pay).map(|xs| xs[xs.len() - 1]);
            let Some(pay) = pays else {
                panic!("no paying verb read in {text:?}");
            };
            assert_eq!(found.said_of_sender(Concept::Pay, pay), sender, "{text}");
        }
        // A plain "you" is the reader's whoever stands before it.
        let found = Found::of("our agent says you must pay the clearance fee");
        let you = found.namings(Concept::Reader).map(|xs| xs[0]);
        assert_eq!(
            you.map(|x| found.said_of_sender(Concept::Reader, x)),
            Some(false)
        );
    }

    #[test]
    fn every_table_reads_without_problems() {
        assert_eq!(table_problems(), Vec::new());
    }

    #[test]
    fn every_concept_covers_every_language() {
        for &concept in Concept::ALL {
            let langs = languages_of(concept);
            for lang in LANGUAGES {
                assert!(
                    langs.contains(lang),
                    "concepts/{}.txt has no '{lang}' line",
                    concept.name()
                );
            }
        }
    }

    #[test]
    fn the_index_of_a_bundle_finds_what_a_search_finds() {
        let odd = [
            "[a]\n[b]\nen x\n[a]\nen y\n[c]\nen z",
            "x\n[a]\nen 1\n[b]",
            "[a]\nen [not a header\n[b]\nen q\n",
            "",
        ];
        for bundle in std::iter::once(BUNDLED).chain(odd) {
            let index = sections(bundle);
            let names = Concept::ALL
                .iter()
                .map(|c| c.name())
                .chain([WORD_MODEL, TEMPLATES, "a", "b", "c", "nope"]);
            for name in names.chain(index.iter().map(|(name, _)| *name)) {
                let found = index
                    .iter()
                    .find_map(|&(known, lines)| (known == name).then_some(lines));
                assert_eq!(found, section(bundle, name), "table {name}");
            }
        }
        assert_eq!(sections(BUNDLED).len(), Concept::ALL.len() + 2);
    }

    #[test]
    fn a_plain_word_of_a_table_is_read_as_words_reads_it() {
        let mut plain = 0;
        for &concept in Concept::ALL {
            for line in concept
                .table()
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
            {
                let terms = line
                    .trim()
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, t)| t);
                for raw in terms.split(|c: char| c == '|' || c.is_whitespace()) {
                    let body = raw.strip_suffix('*').unwrap_or(raw);
                    if !is_plain_word(body) {
                        continue;
                    }
                    plain += 1;
                    let read = words(body, 64);
                    assert_eq!(read.iter().map(|w| w.text).collect::<Vec<_>>(), vec![body]);
                }
            }
        }
        assert!(plain > 1000, "only {plain} plain words in the tables");
        // Chat spellings are written out by `words`: never taken as they are.
        for short in ["u", "ur", "pls", "plz", "vc"] {
            assert!(!is_plain_word(short));
            assert_ne!(words(short, 64).get(0).map(|w| w.text), Some(short));
        }
    }

    /// Every term of the tables has the parts it had when each of its words went
    /// through `words`: the words taken as they are (already folded, or Chinese
    /// characters) are read as `words` reads them.
    #[test]
    fn every_term_of_the_tables_has_the_parts_words_gives() {
        // Every word through the folding path, none taken as it is.
        fn through_words(term: &str) -> Result<Vec<Part>, String> {
            let mut parts = Vec::new();
            let mut folded = Words::default();
            for raw in term.split_whitespace() {
                if raw == "#" {
                    parts.push(Part::Number);
                    continue;
                }
                let (body, stem) = raw.strip_suffix('*').map_or((raw, false), |b| (b, true));
                push_folded(raw, body, stem, &mut folded, &mut parts)?;
            }
            if parts.is_empty() {
                return Err("empty term".into());
            }
            Ok(parts)
        }
        let (mut terms, mut han) = (0, 0);
        let mut buffer = Words::default();
        for &concept in Concept::ALL {
            for line in concept.table().lines().map(str::trim) {
                if line.starts_with('#') {
                    continue;
                }
                let Some((_, all)) = line.split_once(char::is_whitespace) else {
                    continue;
                };
                for term in all.split('|').map(str::trim).filter(|t| !t.is_empty()) {
                    terms += 1;
                    han += usize::from(term.chars().any(is_ideograph));
                    assert_eq!(parse_term(term, &mut buffer), through_words(term), "{term}");
                }
            }
        }
        assert!(
            terms > 5000 && han > 300,
            "only {terms} terms, {han} Chinese"
        );
        // Odd words a table could hold, each read as `words` reads it.
        for term in [
            "付款",
            "付款*",
            "支付宝 账户",
            "оплата",
            "ёлка",
            "счёт*",
            "اسم",
            "أرسل",
            "قيمة",
            "تـم",
            "café",
            "ödeme",
            "đơn",
            "u",
            "pls send",
            "e-mail",
            "t/t",
            "500pcs",
            "# pcs",
            "ab*",
            "абв*",
            "абвг*",
            "a付",
            "付a",
            "ıd",
        ] {
            assert_eq!(parse_term(term, &mut buffer), through_words(term), "{term}");
        }
    }

    #[test]
    fn handed_tables_must_hold_every_concept() {
        let err = use_tables("[log_in]\nen  log in\n".into()).expect_err("most tables missing");
        assert!(err.contains("open_document"), "{err}");
        // The bundle natively compiled in reads back table by table.
        for &concept in Concept::ALL {
            assert!(section(BUNDLED, concept.name()).is_some_and(|t| t.contains("en ")));
        }
        assert_eq!(use_tables(BUNDLED.to_string()), Ok(()));
        // The default templates ride along as one line of JSON, checked on the way in.
        let templates = section(BUNDLED, TEMPLATES).expect("a templates table");
        assert_eq!(templates.lines().count(), 1);
        let broken = BUNDLED.replace(templates.trim_end(), "[{");
        let err = use_tables(broken).expect_err("templates that are not JSON");
        assert!(err.contains("not JSON"), "{err}");
    }

    #[test]
    fn folding_makes_accents_and_case_one() {
        let cases = [
            ("Contraseña", "contrasena"),
            ("ŞİFRE", "sifre"),
            ("Đăng nhập", "dang nhap"),
            ("Straße", "strasse"),
            ("كلمةُ المرور", "كلمه المرور"),
        ];
        for (input, want) in cases {
            let folded = words(input, 100);
            let got: Vec<&str> = folded.iter().map(|w| w.text).collect();
            assert_eq!(got.join(" "), want, "{input}");
        }
    }

    #[test]
    fn each_word_knows_where_it_starts_in_the_text() {
        let text = "Hi, 500pcs  请报价 Ünïcode x2";
        let read = words(text, 100);
        let got: Vec<(&str, &str)> = (0..read.len())
            .map(|i| {
                let at = read.source(i).expect("a source per word");
                (read.get(i).expect("a word").text, &text[at..])
            })
            .map(|(w, rest)| (w, rest.split([' ', ',']).next().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            [
                ("hi", "Hi"),
                ("500", "500pcs"),
                ("pcs", "pcs"),
                ("请", "请报价"),
                ("报", "报价"),
                ("价", "价"),
                ("unicode", "Ünïcode"),
                ("x", "x2"),
                ("2", "2"),
            ]
        );
    }

    #[test]
    fn a_term_admits_every_word_its_first_two_parts_match() {
        let others = [
            "a",
            "we",
            "need",
            "abcdefgh",
            "abcdefghi",
            "verification",
            "登",
            "录",
            "500",
            "lai",
            "you",
            "your",
            "paymentx",
        ];
        let (mut checked, mut passed_over) = (0, 0);
        for lexicon in [&*LEXICON, &*ROLES] {
            let terms = lexicon
                .exact
                .values()
                .chain(lexicon.stems.values())
                .flatten();
            for term in terms.chain(&lexicon.numbers) {
                for (at, part) in term.parts.iter().enumerate().take(2) {
                    let own: Vec<String> = match part {
                        Part::Exact(w) => vec![w.to_string()],
                        Part::Stem(s) => {
                            vec![s.to_string(), format!("{s}s"), format!("{s}abcdefgh")]
                        }
                        Part::Number => vec!["7".into(), "2026".into()],
                    };
                    for text in own.iter().map(String::as_str).chain(others) {
                        let word = Word {
                            text,
                            number: text.bytes().all(|b| b.is_ascii_digit()),
                        };
                        let admitted = term.openings[at].admits(Opening::of(text.as_bytes()));
                        assert!(admitted || !part.matches(&word), "{part:?} and '{text}'");
                        checked += 1;
                        passed_over += usize::from(!admitted);
                    }
                }
            }
        }
        // Most pairs of a part and a word it does not match are told apart.
        assert!(
            passed_over * 2 > checked,
            "{passed_over} of {checked} passed over"
        );
    }

    #[test]
    fn no_chat_spelling_is_longer_than_its_limit() {
        assert_eq!(
            CHAT_SPELLINGS.iter().map(|(short, _)| short.len()).max(),
            Some(CHAT_SPELLING_MAX)
        );
    }

    #[test]
    fn numbers_and_chinese_split_into_words() {
        let got: Vec<String> = words("500pcs 请报价", 100)
            .iter()
            .map(|w| w.text.to_string())
            .collect();
        assert_eq!(got, ["500", "pcs", "请", "报", "价"]);
    }

    #[test]
    fn terms_match_whole_words_stems_and_numbers() {
        let found = Found::of("Please LOG-IN with your e-mail to view the Purchase Order");
        assert!(found.has(Concept::LogIn), "{:?}", found.concepts());
        assert!(found.has(Concept::OrderDocument), "{:?}", found.concepts());
        assert!(found.related(Concept::LogIn, Concept::OrderDocument));
        // Not inside another word.
        assert!(!Found::of("a catalog in blue").has(Concept::LogIn));
    }

    #[test]
    fn clauses_end_at_stops_but_not_inside_numbers_or_hosts() {
        let read = words(
            "Price 1.5 usd at x.com now. Next one! 第三句。Fourth? fifth",
            100,
        );
        let clause_of = |w: &str| {
            (0..read.len())
                .find(|&i| read.get(i).is_some_and(|x| x.text == w))
                .and_then(|i| read.clause(i))
        };
        assert_eq!(clause_of("price"), Some(0));
        assert_eq!(clause_of("now"), Some(0));
        assert_eq!(clause_of("next"), Some(1));
        assert_eq!(clause_of("第"), Some(2));
        assert_eq!(clause_of("fourth"), Some(3));
        assert_eq!(clause_of("fifth"), Some(4));
        assert_eq!(read.questions, [3]);
    }

    #[test]
    fn concepts_in_one_clause_in_any_order_and_not_across_clauses() {
        use Concept::*;
        let seller = [Service, WeAct, Provide];
        // The subject after its verb, as German puts it.
        let found = Found::of("Die Verzollung Ihrer Sendungen übernehmen gerne wir.");
        assert!(
            found.in_one_clause(&seller, &[OwnSide], false),
            "{:?}",
            found.concepts()
        );
        // The buyer's own side in the clause lifts it.
        let found = Found::of("Die Verzollung übernehmen wir selbst.");
        assert!(!found.in_one_clause(&seller, &[OwnSide], false));
        // Split across two sentences, the parts say nothing together.
        let found = Found::of("We are based in Lyon. Customs clearance: the port handles it.");
        assert!(!found.in_one_clause(&seller, &[], true));
        // A question asks; it counts only when asked to.
        let found = Found::of("Can we handle the freight for you?");
        assert!(found.in_one_clause(&seller, &[], true));
        assert!(!found.in_one_clause(&seller, &[], false));
    }

    #[test]
    fn far_apart_concepts_in_a_long_message_are_not_related() {
        let filler = "word ".repeat(200);
        let text = format!("please sign in {filler} the purchase order");
        let found = Found::of(&text);
        assert!(found.has(Concept::LogIn) && found.has(Concept::OrderDocument));
        assert!(!found.related(Concept::LogIn, Concept::OrderDocument));
    }

    #[test]
    fn a_sign_off_ends_the_own_words_and_what_follows_asks_nothing() {
        let text = "please quote 500 folding tables with a black top and steel legs \
                    for our shops, delivered to the port of durban before april. \
                    kind regards, anna. whatsapp +27 82 555 0101, never share your password";
        let mut found = Found::of(text);
        assert!(found.has(Concept::ContactApp) && found.has(Concept::LogIn));
        found.end_own_words(OWN_WORDS_MIN);
        assert!(found.own_words < found.word_count);
        assert!(!found.has(Concept::ContactApp) && !found.has(Concept::LogIn));
        assert!(found.has(Concept::Purchase));
    }

    #[test]
    fn a_quote_header_first_leaves_the_reply_below_it_whole() {
        let text =
            "on tuesday ann wrote: > can you send it on whatsapp? sure, my whatsapp is below";
        let mut found = Found::of(text);
        found.end_own_words(OWN_WORDS_MIN);
        assert_eq!(found.own_words, found.word_count);
        assert!(found.has(Concept::ContactApp));
    }
}
