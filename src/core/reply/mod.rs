//! Reply templates: the library, the suggestion, filling in, and the linter.
//!
//! The default library (`templates.json`, one entry per id of the data contract)
//! is written for the buyer in English and in the languages of
//! [`TEMPLATE_LANGUAGES`] (each its own sales wording, not a word-for-word
//! translation), with a Chinese description for the rep. A reply is rendered in the
//! buyer's language when the template has a version in it, else in English; the
//! rep can switch any reply to English. The buyer's quoted questions always stay
//! in the buyer's own words.
//! A rep's own templates override defaults by id or add new ones. Filling in
//! replaces `{{variables}}` from the inquiry and the rep's profile; a required
//! variable with no value stays visible as `[[what is missing]]` and is flagged
//! by the linter, never silently blank. A template line starting with `?` is
//! optional: it is dropped when one of its variables has no value (a company
//! fact the rep has not filled in yet), so a reply never shows half a sentence.

pub mod lint;
pub mod names;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::analysis::{self, Reading};
use crate::core::clock::{FollowUp, FollowUpKind};
use crate::core::error::Error;
use crate::core::inquiry::{Channel, Inquiry, Sender};
use crate::core::sort::{map_of, sort_stable_by_key};
use crate::core::triage::{Assessment, Kind, Verdict};
pub use lint::{lint, LintContext, LintFlag};

/// Every template id of the default library, in the order of `docs/formats.md`.
pub const TEMPLATE_IDS: [&str; 14] = [
    "answer_questions",
    "fulfil_requests",
    "one_click_reply",
    "open_questions",
    "follow_up_unread",
    "follow_up_read",
    "rfq_quote",
    "rfq_message",
    "rtm_precise",
    "rtm_generic",
    "visitor_mail",
    "shipping_notice",
    "review_thanks",
    "short_ack",
];

/// The buyer languages the default library is written in (English first).
pub const TEMPLATE_LANGUAGES: [&str; 11] = [
    "en", "es", "pt", "fr", "ru", "ar", "de", "tr", "zh", "vi", "id",
];

/// Words the engine itself puts into a reply, per reply language: the polite address
/// when the buyer's given name is unknown, the stand-in for an unnamed product, and
/// the label of a phone number. Languages not listed use English.
const REPLY_WORDS: &[(&str, &str, &str, &str)] = &[
    ("en", names::POLITE_FALLBACK, "our products", "Phone"),
    ("es", "estimado cliente", "nuestros productos", "Teléfono"),
    ("pt", "prezado cliente", "nossos produtos", "Telefone"),
    ("fr", "Madame, Monsieur", "nos produits", "Téléphone"),
    ("ru", "уважаемый покупатель", "нашей продукции", "Телефон"),
    ("ar", "عميلنا العزيز", "منتجاتنا", "الهاتف"),
    ("de", "zusammen", "unseren Produkten", "Telefon"),
    ("tr", "değerli müşterimiz", "ürünlerimiz", "Telefon"),
    ("zh", "尊敬的客户", "我们的产品", "电话"),
    ("vi", "Quý khách", "sản phẩm của chúng tôi", "Điện thoại"),
    ("id", "Bapak/Ibu", "produk kami", "Telepon"),
];

/// The engine's own words for a reply language (English when the language has none).
fn reply_words(language: &str) -> (&'static str, &'static str, &'static str) {
    let row = REPLY_WORDS
        .iter()
        .find(|r| r.0 == language)
        .unwrap_or(&REPLY_WORDS[0]);
    (row.1, row.2, row.3)
}

/// The variables a template may use.
pub const VARIABLES: &[&str] = &[
    "buyer_given_name",
    "product",
    "country",
    "questions",
    "requests",
    "keyword",
    "carrier",
    "tracking_number",
    "days",
    "rep_name",
    "company",
    "years",
    "main_products",
    "quality",
    "delivery",
    "signature",
    "contact",
];

/// The rep's own details, set once in the options page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepProfile {
    /// The rep's name as buyers see it.
    pub rep_name: String,
    /// Company name.
    pub company: String,
    /// Years in business.
    pub years_in_business: String,
    /// Main product lines.
    pub main_products: String,
    /// Quality facts (certificates, inspection).
    pub quality_facts: String,
    /// Delivery facts (stock, lead times).
    pub delivery_facts: String,
    /// Signature block.
    pub signature: String,
    /// E-mail for later replies (never in a first reply).
    pub contact_email: String,
    /// Phone for later replies.
    pub contact_phone: String,
    /// WhatsApp for later replies.
    pub contact_whatsapp: String,
}

/// One template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Template {
    /// Id (one of [`TEMPLATE_IDS`] to override a default, or a new one).
    pub id: String,
    /// Name shown to the rep, English.
    pub name: String,
    /// Name shown to the rep, Chinese.
    pub name_zh: String,
    /// When to use it, for the rep (English).
    pub description: String,
    /// When to use it, for the rep (Chinese).
    pub description_zh: String,
    /// The text with `{{variables}}`, in English.
    pub body: String,
    /// The same template in other buyer languages: language code (`es`, `zh`, …, see
    /// [`crate::core::language::LANGUAGES`]) → body. Optional; English is `body`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub versions: BTreeMap<String, String>,
}

impl Template {
    /// The body for `language`, and the language it is really in (English when the
    /// template has no version in `language`).
    pub fn body_in<'a>(&'a self, language: &str) -> (&'a str, &'a str) {
        match self.versions.get_key_value(language) {
            Some((code, body)) if !body.trim().is_empty() => (body, code),
            _ => (&self.body, "en"),
        }
    }

    /// Every language the template can be rendered in, English first.
    pub fn languages(&self) -> Vec<String> {
        std::iter::once("en".to_string())
            .chain(
                self.versions
                    .iter()
                    .filter(|(code, body)| code.as_str() != "en" && !body.trim().is_empty())
                    .map(|(code, _)| code.clone()),
            )
            .collect()
    }
}

/// Template settings: the rep's profile and own templates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReplySettings {
    /// The rep's profile.
    pub profile: RepProfile,
    /// The rep's templates: override defaults by id, or add new ones.
    pub templates: Vec<Template>,
    /// The order the rep wants templates listed in (ids); unlisted ones follow.
    pub order: Vec<String>,
}

/// The default library, read from the engine's data tables (where `build.rs` and
/// `build.sh` put `templates.json`; the wasm is handed them at start, see
/// [`crate::core::triage::concepts::use_tables`]). Empty until they are there.
fn default_templates() -> &'static [Template] {
    static DEFAULTS: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    if let Some(held) = DEFAULTS.get() {
        return held;
    }
    let Some(text) =
        crate::core::triage::concepts::bundled_table(crate::core::triage::concepts::TEMPLATES)
    else {
        return &[];
    };
    DEFAULTS.get_or_init(|| {
        serde_json::from_str::<serde_json::Value>(text)
            .and_then(|value| crate::core::value_reader::read::<Vec<Template>>(&value))
            .unwrap_or_else(|e| panic!("the built-in templates.json is broken: {e}"))
    })
}

/// The default templates in the other buyer languages: template id → language → body.
pub type LanguageVersions = BTreeMap<String, BTreeMap<String, String>>;

/// The language versions of the default library. Natively they are compiled in; the
/// extension's WebAssembly leaves them out (they would weigh about 12 KB gzipped) and
/// the extension hands them over from its data file `template-versions.json` with
/// [`load_language_versions`] before it builds an engine. Without them every reply is
/// in English.
static VERSIONS: std::sync::OnceLock<LanguageVersions> = std::sync::OnceLock::new();

#[cfg(not(target_arch = "wasm32"))]
fn built_in_versions() -> &'static LanguageVersions {
    VERSIONS.get_or_init(|| {
        parse_language_versions(include_str!("../../../extension/template-versions.json"))
            .unwrap_or_else(|e| panic!("built-in template-versions.json is broken: {e}"))
    })
}

#[cfg(target_arch = "wasm32")]
fn built_in_versions() -> &'static LanguageVersions {
    static NONE: std::sync::LazyLock<LanguageVersions> =
        std::sync::LazyLock::new(LanguageVersions::new);
    VERSIONS.get().unwrap_or(&NONE)
}

/// Reads a language-versions file (`{"<template id>": {"<language>": "<body>"}}`),
/// checking every language code and variable.
pub fn parse_language_versions(json: &str) -> Result<LanguageVersions, String> {
    let versions = serde_json::from_str::<serde_json::Value>(json)
        .and_then(|value| crate::core::value_reader::read::<LanguageVersions>(&value))
        .map_err(|e| format!("template-versions.json is not a map of id → language → text: {e}"))?;
    let check = ReplySettings {
        templates: versions
            .iter()
            .map(|(id, v)| Template {
                id: id.clone(),
                body: "-".into(),
                versions: v.clone(),
                ..Template::default()
            })
            .collect(),
        ..ReplySettings::default()
    };
    check.validate()?;
    Ok(versions)
}

/// Hands the default library's language versions to the engine (the WebAssembly
/// build; natively they are built in). Only the first call counts; engines built
/// afterwards reply in the buyers' languages.
pub fn load_language_versions(json: &str) -> Result<(), String> {
    let versions = parse_language_versions(json)?;
    let _ = VERSIONS.set(versions);
    Ok(())
}

/// The default library.
pub fn defaults() -> &'static [Template] {
    default_templates()
}

/// The `{{name}}` variables of a template body.
fn variables(body: &str) -> impl Iterator<Item = &str> {
    body.split("{{")
        .skip(1)
        .filter_map(|s| s.split_once("}}").map(|(v, _)| v.trim()))
}

impl ReplySettings {
    /// Checks the rep's templates: an id, a body, known variables only.
    pub fn validate(&self) -> Result<(), String> {
        for (n, t) in self.templates.iter().enumerate() {
            let id = t.id.trim();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!(
                    "reply.templates[{n}]: the id must be letters, digits, '_' or '-' (got '{}')",
                    t.id
                ));
            }
            if t.body.trim().is_empty() {
                return Err(format!("reply.templates[{n}] ({id}): the body is empty"));
            }
            if t.body.len() > 20_000 {
                return Err(format!(
                    "reply.templates[{n}] ({id}): the body is longer than 20 000 characters"
                ));
            }
            if let Some(v) = variables(&t.body).find(|v| !VARIABLES.contains(v)) {
                return Err(format!(
                    "reply.templates[{n}] ({id}): unknown variable {{{{{v}}}}}; use one of {}",
                    VARIABLES.join(", ")
                ));
            }
            for (code, body) in &t.versions {
                if !crate::core::language::LANGUAGES.contains(&code.as_str()) {
                    return Err(format!(
                        "reply.templates[{n}] ({id}): no language '{code}'; use one of {}",
                        crate::core::language::LANGUAGES.join(", ")
                    ));
                }
                if body.len() > 20_000 {
                    return Err(format!(
                        "reply.templates[{n}] ({id}, {code}): the body is longer than 20 000 characters"
                    ));
                }
                if let Some(v) = variables(body).find(|v| !VARIABLES.contains(v)) {
                    return Err(format!(
                        "reply.templates[{n}] ({id}, {code}): unknown variable {{{{{v}}}}}; use one of {}",
                        VARIABLES.join(", ")
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A filled-in reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// Template id used.
    pub template: String,
    /// The language the text is written in (`en`, `es`, `zh`, …).
    pub language: String,
    /// The languages this template can be rendered in, English first (for the switch).
    pub languages: Vec<String>,
    /// The language the buyer wrote in, as identified.
    pub buyer_language: String,
    /// Exactly the text to insert.
    pub text: String,
    /// What the linter found.
    pub lint: Vec<LintFlag>,
}

/// The template library, compiled from settings.
#[derive(Debug, Clone)]
pub struct Library {
    profile: RepProfile,
    templates: BTreeMap<String, Template>,
    order: Vec<String>,
}

/// Alternatives to offer after each best choice, in order.
fn alternatives(best: &str) -> [&'static str; 2] {
    match best {
        "answer_questions" => ["fulfil_requests", "open_questions"],
        "fulfil_requests" => ["answer_questions", "open_questions"],
        "one_click_reply" => ["open_questions", "answer_questions"],
        "open_questions" => ["fulfil_requests", "answer_questions"],
        "follow_up_unread" => ["follow_up_read", "open_questions"],
        "follow_up_read" => ["follow_up_unread", "open_questions"],
        "rfq_quote" => ["rfq_message", "open_questions"],
        "rfq_message" => ["rfq_quote", "open_questions"],
        "rtm_precise" => ["rtm_generic", "open_questions"],
        "rtm_generic" => ["open_questions", "short_ack"],
        "visitor_mail" => ["open_questions", "one_click_reply"],
        "shipping_notice" => ["review_thanks", "short_ack"],
        "review_thanks" => ["shipping_notice", "short_ack"],
        "short_ack" => ["open_questions", "answer_questions"],
        _ => ["answer_questions", "open_questions"],
    }
}

/// Whether we already sent a (non-automatic) message in this thread.
fn we_replied(inquiry: &Inquiry) -> bool {
    inquiry.thread.as_ref().is_some_and(|t| {
        t.our_last_reply_at.is_some()
            || t.messages
                .iter()
                .any(|m| m.from == Sender::Seller && !m.auto)
    })
}

impl Library {
    /// The library for these settings: defaults, with the rep's templates over them.
    pub fn new(settings: &ReplySettings) -> Self {
        let versions = built_in_versions();
        let mut templates: BTreeMap<String, Template> =
            map_of(default_templates().iter().map(|t| {
                let mut t = t.clone();
                if let Some(v) = versions.get(&t.id) {
                    t.versions = v.clone();
                }
                (t.id.clone(), t)
            }));
        for t in &settings.templates {
            let base = templates.get(&t.id).cloned().unwrap_or_default();
            let merged = Template {
                id: t.id.clone(),
                name: if t.name.is_empty() {
                    base.name
                } else {
                    t.name.clone()
                },
                name_zh: if t.name_zh.is_empty() {
                    base.name_zh
                } else {
                    t.name_zh.clone()
                },
                description: if t.description.is_empty() {
                    base.description
                } else {
                    t.description.clone()
                },
                description_zh: if t.description_zh.is_empty() {
                    base.description_zh
                } else {
                    t.description_zh.clone()
                },
                body: t.body.clone(),
                // The rep's versions over the default's: a default version stays
                // until the rep writes their own for that language.
                versions: {
                    let mut v = base.versions;
                    v.extend(
                        t.versions
                            .iter()
                            .filter(|(_, body)| !body.trim().is_empty())
                            .map(|(k, b)| (k.clone(), b.clone())),
                    );
                    v
                },
            };
            templates.insert(t.id.clone(), merged);
        }
        Library {
            profile: settings.profile.clone(),
            templates,
            order: settings.order.clone(),
        }
    }

    /// Every template: in the rep's order where set, else defaults in contract order, then the rep's own.
    pub fn templates(&self) -> Vec<Template> {
        let mut out: Vec<Template> = TEMPLATE_IDS
            .iter()
            .filter_map(|id| self.templates.get(*id).cloned())
            .collect();
        out.extend(
            self.templates
                .values()
                .filter(|t| !TEMPLATE_IDS.contains(&t.id.as_str()))
                .cloned(),
        );
        // The rep's order first; the sort is stable, so unlisted ones keep their place after.
        let rank = |id: &str| {
            self.order
                .iter()
                .position(|o| o == id)
                .unwrap_or(usize::MAX)
        };
        sort_stable_by_key(&mut out, |t| rank(&t.id));
        out
    }

    /// The best template id for this inquiry, then two alternatives.
    pub fn suggest(
        &self,
        inquiry: &Inquiry,
        assessment: &Assessment,
        follow_up: Option<&FollowUp>,
    ) -> Vec<String> {
        let best = best_template(inquiry, assessment, follow_up, &assessment.reading);
        let mut out = vec![best.to_string()];
        out.extend(alternatives(best).iter().map(|s| s.to_string()));
        out
    }

    /// Fills in template `id` for this inquiry, in the buyer's language where the
    /// template has a version in it, and lints the result.
    pub fn render(&self, id: &str, inquiry: &Inquiry) -> Result<Rendered, Error> {
        self.render_in(id, inquiry, None)
    }

    /// Fills in template `id` in `language` (the buyer's when `None`; English when the
    /// template has no version in the language asked for) and lints the result.
    pub fn render_in(
        &self,
        id: &str,
        inquiry: &Inquiry,
        language: Option<&str>,
    ) -> Result<Rendered, Error> {
        let template = self
            .templates
            .get(id)
            .ok_or_else(|| Error::UnknownTemplate(id.to_string()))?;
        let reading = analysis::read(inquiry);
        let (body, used) = template.body_in(language.unwrap_or(reading.language));
        let given = names::given_name(inquiry.buyer.as_ref());
        let text = fill(body, &|var| {
            self.value(var, inquiry, &reading, given.as_deref(), id, used)
        });
        let ctx = LintContext {
            given_name: given,
            buyer_language: Some(reading.language.to_string()),
            first_reply: !we_replied(inquiry),
            channel: inquiry.channel,
            acknowledgement: id == "short_ack",
            tracking_number: inquiry
                .shipment
                .as_ref()
                .and_then(|s| s.tracking_number.clone()),
        };
        Ok(Rendered {
            template: id.to_string(),
            language: used.to_string(),
            languages: template.languages(),
            buyer_language: reading.language.to_string(),
            lint: lint(&text, &ctx),
            text,
        })
    }

    /// The value of a variable, or `None` when unknown.
    fn value(
        &self,
        var: &str,
        inquiry: &Inquiry,
        reading: &Reading,
        given: Option<&str>,
        id: &str,
        language: &str,
    ) -> Option<String> {
        let p = &self.profile;
        let (polite, our_products, phone) = reply_words(language);
        let nonempty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        match var {
            "buyer_given_name" => Some(given.map_or_else(|| polite.to_string(), str::to_string)),
            "product" => inquiry
                .product_title()
                .map(str::to_string)
                .or_else(|| inquiry.keyword.clone())
                .or_else(|| Some(our_products.to_string())),
            "country" => inquiry.buyer.as_ref().and_then(|b| b.country.clone()),
            "questions" => numbered(&reading.questions),
            "requests" => numbered(&reading.requests),
            "keyword" => inquiry.keyword.clone().filter(|k| !k.trim().is_empty()),
            "carrier" => inquiry.shipment.as_ref().and_then(|s| s.carrier.clone()),
            "tracking_number" => inquiry
                .shipment
                .as_ref()
                .and_then(|s| s.tracking_number.clone()),
            "days" => inquiry
                .shipment
                .as_ref()
                .and_then(|s| s.days)
                .map(|d| d.to_string()),
            "rep_name" => nonempty(&p.rep_name),
            "company" => nonempty(&p.company),
            "years" => nonempty(&p.years_in_business),
            "main_products" => nonempty(&p.main_products),
            "quality" => nonempty(&p.quality_facts),
            "delivery" => nonempty(&p.delivery_facts),
            "signature" => nonempty(&p.signature).or_else(|| {
                let parts: Vec<&str> = [p.rep_name.trim(), p.company.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join("\n"))
            }),
            // Contact details only where they are allowed: never in a first reply.
            "contact" if we_replied(inquiry) || id == "visitor_mail" => {
                let parts: Vec<String> = [
                    ("E-mail", &p.contact_email),
                    (phone, &p.contact_phone),
                    ("WhatsApp", &p.contact_whatsapp),
                ]
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| format!("{k}: {}", v.trim()))
                .collect();
                (!parts.is_empty()).then(|| parts.join("\n"))
            }
            _ => None,
        }
    }
}

/// The visible mark of a variable with no value (flagged by the linter).
fn missing(var: &str) -> String {
    let what = match var {
        "buyer_given_name" => "buyer's given name",
        "questions" => "the buyer's questions",
        "requests" => "what the buyer asked for",
        "rep_name" => "your name",
        "company" => "your company",
        "years" => "years in business",
        "main_products" => "main products",
        "quality" => "quality facts",
        "delivery" => "delivery facts",
        "signature" => "your signature",
        "tracking_number" => "tracking number",
        "contact" => "contact details",
        other => other,
    };
    format!("[[{what}]]")
}

/// One numbered item per entry, the buyer's words quoted, an answer slot after each.
fn numbered(items: &[String]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    Some(
        items
            .iter()
            .enumerate()
            .map(|(i, q)| format!("{}. \"{}\"\n   → ", i + 1, q.replace('"', "'")))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Fills `{{variables}}`; optional lines (`?…`) with an unknown variable are dropped.
fn fill(body: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines() {
        let (optional, line) = match line.strip_prefix('?') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let mut filled = String::new();
        let mut rest = line;
        let mut dropped = false;
        while let Some(start) = rest.find("{{") {
            filled.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                filled.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let var = after[..end].trim();
            match value(var) {
                // A value that ends a sentence itself ("Demo Trading Co. Ltd.") takes
                // the template's full stop after it: no "Ltd..".
                Some(v) if v.ends_with('.') && after[end + 2..].starts_with('.') => {
                    filled.push_str(&v);
                    rest = &after[end + 3..];
                    continue;
                }
                Some(v) => filled.push_str(&v),
                None if optional => {
                    dropped = true;
                    break;
                }
                None => filled.push_str(&missing(var)),
            }
            rest = &after[end + 2..];
        }
        if dropped {
            continue;
        }
        filled.push_str(rest);
        out.push(filled);
    }
    // No blank-line runs left behind by dropped lines.
    let mut text = out.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_string()
}

/// The follow-up template for a reply of ours that was not read, or read and not
/// answered.
pub fn follow_up_template(kind: FollowUpKind) -> &'static str {
    match kind {
        FollowUpKind::Unread => "follow_up_unread",
        FollowUpKind::Read => "follow_up_read",
    }
}

/// The best template for an inquiry (see the table in `docs/formats.md`).
fn best_template(
    inquiry: &Inquiry,
    assessment: &Assessment,
    follow_up: Option<&FollowUp>,
    reading: &Reading,
) -> &'static str {
    let spam_kind = matches!(
        assessment.kind,
        Kind::Phishing | Kind::Scam | Kind::Advertising | Kind::PriceFishing | Kind::Junk
    );
    if assessment.verdict == Verdict::Spam
        || (assessment.verdict == Verdict::Suspicious && spam_kind)
    {
        return "short_ack";
    }
    // A buying request we have quoted and said nothing more on: the message that goes
    // right after the quote is the next step, however long ago the quote went out.
    if inquiry.channel == Channel::Rfq && quote_is_our_only_word(inquiry) {
        return "rfq_message";
    }
    if let Some(f) = follow_up {
        return follow_up_template(f.kind);
    }
    let c = &reading.concepts;
    if inquiry.shipment.is_some() {
        return "shipping_notice";
    }
    match inquiry.channel {
        Channel::Rfq => {
            return if we_replied(inquiry) {
                "rfq_message"
            } else {
                "rfq_quote"
            }
        }
        Channel::Rtm => {
            return if c.quoted_search
                || inquiry
                    .keyword
                    .as_deref()
                    .is_some_and(|k| !k.trim().is_empty())
            {
                "rtm_precise"
            } else {
                "rtm_generic"
            }
        }
        Channel::Visitor => return "visitor_mail",
        Channel::Inquiry | Channel::Chat => {}
    }
    if reading.one_click {
        return "one_click_reply";
    }
    // After the sale: a complaint is answered point by point, praise with thanks, a
    // paid order with the shipping details.
    if c.complaint && !reading.questions.is_empty() {
        return "answer_questions";
    }
    if c.review && !c.complaint && reading.questions.is_empty() {
        return "review_thanks";
    }
    if c.shipping && !c.complaint {
        return "shipping_notice";
    }
    // Specific: the text names or describes the product (the card alone does not
    // count), or speaks of a deal already begun ("when can you ship the order?").
    let specific = reading.names_product
        || reading.has_quantity
        || c.quantity
        || c.deal_under_way
        || (c.order_progress && assessment.verdict == Verdict::Genuine)
        || reading.asks_for_papers();
    // A flagged message that only asks politely to have something done ("please
    // renew before the end of the month") is not a request to fulfil.
    let polite_only_and_flagged =
        reading.requests_only_polite && assessment.verdict != Verdict::Genuine;
    let asks_for_things = !reading.requests.is_empty()
        && !polite_only_and_flagged
        && !c.everything
        && (specific || reading.wants_contact_app || c.qualified_request);
    // Mostly asking us to send things: the requests lead.
    if asks_for_things && reading.requests.len() > reading.questions.len() {
        return "fulfil_requests";
    }
    if reading.has_substantive_questions() && specific {
        return "answer_questions";
    }
    if asks_for_things {
        return "fulfil_requests";
    }
    // A bare "price?" with a count ("多少钱？要500个", "fiyat? 300 adet") asks the price
    // of that many: a question to answer, not a vague buyer to qualify.
    if !reading.questions.is_empty() && specific {
        return "answer_questions";
    }
    if (reading.has_quantity || c.quantity)
        && c.buying_words
        && reading.questions.is_empty()
        && reading.requests.is_empty()
        && assessment.verdict == Verdict::Genuine
    {
        return "fulfil_requests";
    }
    // A need named and the talk moved to a chat app, nothing asked ("这款灯带要5000米，
    // 加我微信细聊"): the buyer wants the offer sent there.
    if reading.wants_contact_app
        && specific
        && reading.questions.is_empty()
        && assessment.verdict == Verdict::Genuine
    {
        return "fulfil_requests";
    }
    // Nothing specific, and flagged: an acknowledgement, not the questions that qualify
    // a vague but real buyer (the rep can still pick them from the alternatives).
    if assessment.verdict == Verdict::Suspicious {
        return "short_ack";
    }
    // No product named, but a question about a term the supplier states for any
    // product ("样品几天能发", "u ship to abidjan how many days"): answered as asked.
    if reading.asks_about_terms() && !c.everything {
        return "answer_questions";
    }
    "open_questions"
}

/// We have answered (the quote) and nothing more, and the buyer has not written since.
fn quote_is_our_only_word(inquiry: &Inquiry) -> bool {
    let Some(thread) = &inquiry.thread else {
        return false;
    };
    let ours = thread
        .messages
        .iter()
        .filter(|m| m.from == Sender::Seller && !m.auto)
        .count();
    let buyer_wrote_since = thread.buyer_replied_at.is_some()
        || thread.messages.iter().any(|m| m.from == Sender::Buyer);
    let quoted = ours == 1 || (ours == 0 && thread.our_last_reply_at.is_some());
    quoted && !buyer_wrote_since
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::triage::{Grade, Priority};

    fn genuine(kind: Kind) -> Assessment {
        Assessment {
            verdict: Verdict::Genuine,
            score: 0.0,
            reasons: vec![],
            kind,
            grade: Grade::B,
            priority: Priority::High,
            reading: Default::default(),
        }
    }

    fn inquiry(body: &str) -> Inquiry {
        Inquiry {
            body: body.into(),
            buyer: Some(crate::core::inquiry::Buyer {
                name: Some("Mr. John Smith".into()),
                ..Default::default()
            }),
            ..Inquiry::default()
        }
    }

    #[test]
    fn the_library_has_every_contract_id_and_valid_bodies() {
        let lib = Library::new(&ReplySettings::default());
        let ids: Vec<String> = lib.templates().into_iter().map(|t| t.id).collect();
        assert_eq!(ids, TEMPLATE_IDS);
        let settings = ReplySettings {
            templates: defaults().to_vec(),
            ..ReplySettings::default()
        };
        assert!(settings.validate().is_ok());
        for t in defaults() {
            assert!(
                !t.name_zh.is_empty() && !t.description_zh.is_empty() && !t.description.is_empty(),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn language_versions_file_is_checked() {
        let ok =
            parse_language_versions(r#"{"short_ack": {"es": "Gracias, {{buyer_given_name}}."}}"#)
                .expect("a valid file");
        assert_eq!(ok["short_ack"]["es"], "Gracias, {{buyer_given_name}}.");
        let err =
            parse_language_versions(r#"{"short_ack": {"xx": "Hi"}}"#).expect_err("bad language");
        assert!(err.contains("no language 'xx'"), "{err}");
        let err = parse_language_versions(r#"{"short_ack": {"es": "{{nope}}"}}"#)
            .expect_err("bad variable");
        assert!(err.contains("unknown variable"), "{err}");
        let err = parse_language_versions("[1]").expect_err("not a map");
        assert!(err.contains("id → language → text"), "{err}");
        // Every default template has a version in every library language.
        for t in Library::new(&ReplySettings::default()).templates() {
            assert_eq!(
                t.languages(),
                ["en", "ar", "de", "es", "fr", "id", "pt", "ru", "tr", "vi", "zh"],
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn suggestion_table() {
        let lib = Library::new(&ReplySettings::default());
        let cases = [
            ("Is the lace HD? Can you do 24 inch 200% density?", "answer_questions"),
            ("Please send me the catalogue of your LED panel lights and the price list.", "fulfil_requests"),
            ("Send me your price list and whatsapp number pls", "fulfil_requests"),
            ("hello, interested in your products, send catalogue and price list", "open_questions"),
            ("price?", "open_questions"),
            // A quote asked for a counted need, by a verb of need or a polite form.
            ("Necesitamos cotización de 400 cajas de cartón corrugado 40x30x30.", "fulfil_requests"),
            ("Precisamos de cotação para 1.200 garrafas térmicas de 750 ml.", "fulfil_requests"),
            ("Bitte um Angebot für 300 Stück Edelstahlscharniere 80 mm.", "fulfil_requests"),
            ("600 adet çelik raf için FOB fiyat rica ediyoruz.", "fulfil_requests"),
            ("Mohon penawaran harga untuk 250 unit kipas angin dinding.", "fulfil_requests"),
            ("Hi, I'm interested in your product X, I would like some more details. I look forward for your reply. Regards, Ann", "one_click_reply"),
            // No product named, but a question about a term any product has: answered
            // as asked. A question with no such term stays vague.
            ("样品几天能发", "answer_questions"),
            ("MOQ?", "answer_questions"),
            ("do you print our own logo on the box?", "answer_questions"),
            ("¿hacen envíos a Lima? cuántos días tarda", "answer_questions"),
            ("vocês têm estoque pronto ou é sob encomenda?", "answer_questions"),
            ("сколько дней доставка в Алматы?", "answer_questions"),
            ("هل يوجد ضمان؟", "answer_questions"),
            ("garanti süresi ne kadar?", "answer_questions"),
            ("berapa lama pengiriman ke Surabaya?", "answer_questions"),
            ("What would you recommend for a first order?", "open_questions"),
            ("Can you help us source a few things for our new shop?", "open_questions"),
            ("Halo, saya tertarik. Bisa info lebih lanjut?", "open_questions"),
            ("what is your best price?", "open_questions"),
        ];
        for (body, want) in cases {
            let inquiry = inquiry(body);
            let assessment = Assessment {
                reading: analysis::read(&inquiry),
                ..genuine(Kind::Questions)
            };
            let got = lib.suggest(&inquiry, &assessment, None);
            assert_eq!(got[0], want, "{body}");
            assert_eq!(got.len(), 3);
            assert!(got[1] != got[0] && got[2] != got[0] && got[1] != got[2]);
        }
        let mut rtm = inquiry("online buyer");
        rtm.channel = Channel::Rtm;
        assert_eq!(
            lib.suggest(&rtm, &genuine(Kind::Vague), None)[0],
            "rtm_generic"
        );
        rtm.keyword = Some("solar panel".into());
        assert_eq!(
            lib.suggest(&rtm, &genuine(Kind::Vague), None)[0],
            "rtm_precise"
        );
    }

    #[test]
    fn questions_are_numbered_quoted_with_answer_slots() {
        let lib = Library::new(&ReplySettings {
            profile: RepProfile {
                rep_name: "Lily".into(),
                company: "Demo Co.".into(),
                ..Default::default()
            },
            ..Default::default()
        });
        let mut i = inquiry("Is the lace HD? How long does DHL take to Georgia?");
        i.product = Some(crate::core::inquiry::Product {
            id: None,
            title: Some("HD Lace Wig".into()),
        });
        let r = lib.render("answer_questions", &i).expect("renders");
        assert!(r.text.starts_with("Dear John,"), "{}", r.text);
        assert!(
            r.text.contains(
                "1. \"Is the lace HD?\"\n   → \n2. \"How long does DHL take to Georgia?\"\n   → "
            ),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("Lily\nDemo Co."),
            "signature from the profile: {}",
            r.text
        );
        assert!(!r.text.contains("{{"));
        let codes: Vec<&str> = r.lint.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            ["UNANSWERED_QUESTION"],
            "only the answers are left to write"
        );
    }

    #[test]
    fn unknown_variables_stay_visible_and_are_flagged() {
        let lib = Library::new(&ReplySettings::default());
        let r = lib
            .render("shipping_notice", &inquiry("thanks"))
            .expect("renders");
        assert!(
            r.text.contains("[[tracking number]]") && r.text.contains("[[your signature]]"),
            "{}",
            r.text
        );
        assert!(r.lint.iter().any(|f| f.code == "PLACEHOLDER_LEFT"));
    }

    #[test]
    fn no_contact_details_in_a_first_reply() {
        let profile = RepProfile {
            contact_whatsapp: "+86 138 0000 0000".into(),
            rep_name: "Lily".into(),
            ..Default::default()
        };
        let lib = Library::new(&ReplySettings {
            profile,
            ..Default::default()
        });
        for id in TEMPLATE_IDS.iter().filter(|id| **id != "visitor_mail") {
            let r = lib.render(id, &inquiry("price?")).expect("renders");
            assert!(!r.text.contains("138 0000"), "{id}: {}", r.text);
        }
    }

    #[test]
    fn the_rep_orders_the_list() {
        let settings = ReplySettings {
            order: vec!["short_ack".into(), "open_questions".into()],
            ..Default::default()
        };
        let ids: Vec<String> = Library::new(&settings)
            .templates()
            .into_iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(
            &ids[..3],
            ["short_ack", "open_questions", "answer_questions"]
        );
        assert_eq!(ids.len(), TEMPLATE_IDS.len());
    }

    #[test]
    fn optional_lines_drop_rather_than_show_half_a_sentence() {
        let text = fill("A\n?We make {{main_products}}.\nB {{company}}", &|v| {
            (v == "company").then(|| "X".to_string())
        });
        assert_eq!(text, "A\nB X");
    }

    #[test]
    fn rep_templates_override_and_are_validated() {
        let own = Template {
            id: "short_ack".into(),
            body: "OK, thank you, {{buyer_given_name}}.".into(),
            ..Default::default()
        };
        let settings = ReplySettings {
            templates: vec![own],
            ..Default::default()
        };
        assert!(settings.validate().is_ok());
        let r = Library::new(&settings)
            .render("short_ack", &inquiry("x"))
            .expect("renders");
        assert_eq!(r.text, "OK, thank you, John.");
        let bad = ReplySettings {
            templates: vec![Template {
                id: "x".into(),
                body: "{{nope}}".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(bad
            .validate()
            .expect_err("unknown variable")
            .contains("nope"));
    }

    #[test]
    fn a_value_ending_in_a_full_stop_takes_the_templates_one() {
        let text = fill("This is Lily from {{company}}. We {{x}}.", &|v| {
            Some(
                if v == "company" {
                    "Demo Trading Co. Ltd."
                } else {
                    "ship"
                }
                .to_string(),
            )
        });
        assert_eq!(text, "This is Lily from Demo Trading Co. Ltd. We ship.");
    }
}
