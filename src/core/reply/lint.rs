//! The reply linter: what to fix before a reply goes to the buyer.
//!
//! It runs on rendered templates and, live, on whatever the rep types. Each flag
//! has a stable code and says how to fix the problem, in English and Chinese.

use serde::{Deserialize, Serialize};

use crate::core::inquiry::Channel;
use crate::core::language::identify;
use crate::core::text::pattern;

/// A problem the linter found in a reply, with how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LintFlag {
    /// Stable SCREAMING_SNAKE code.
    pub code: String,
    /// How to fix it, in English.
    pub fix: String,
    /// How to fix it, in Chinese.
    pub fix_zh: String,
}

/// What the linter knows about the conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LintContext {
    /// The buyer's given name, when known.
    pub given_name: Option<String>,
    /// The language the buyer wrote in (`en`, `es`, `zh`, …), when known.
    pub buyer_language: Option<String>,
    /// This is our first reply to this buyer (no off-platform contact yet).
    pub first_reply: bool,
    /// The channel the reply goes to.
    pub channel: Channel,
    /// The reply is a one-line acknowledgement (greeting and question not expected).
    pub acknowledgement: bool,
    /// The shipment's tracking number, when the reply gives one: a long number that
    /// is not a phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
}

// Matched on the text as written: "XX" is a placeholder, "xx" may not be.
pattern!(
    PLACEHOLDER,
    r"(?-u:\b)XX+(?-u:\b)|\*\*|\{\{[^}]*\}\}|\[\[[^\]]*\]\]"
);
// Matched on the lower-cased text (the build has no case-folding tables).
pattern!(
    PLACEHOLDER_WORD,
    r"\[(?:name|buyer|customer|client|product|company|your name|date|price|qty|quantity)\]|<(?:name|buyer|customer|client|product|company)>"
);
pattern!(
    GREETING,
    r"^\s*(?:(?:dear|hi|hello|hey|good (?:morning|afternoon|evening|day)|hola|estimad[oa]|olá|prezad[oa]|bonjour|cher|chère|здравствуйте|уважаем\w*|добрый день|مرحباً|مرحبا|السلام عليكم|merhaba|sayın|hallo|guten tag|sehr geehrte\w*|halo|selamat \w+|xin chào|chào)(?:\W|$)|尊敬的|你好|您好)"
);
pattern!(EMAIL, r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}");
pattern!(PHONE, r"\+?\d[\d\s().-]{7,}\d");
pattern!(
    APPS,
    r"(?-u:\b)(?:whatsapp|wechat|telegram|skype|viber|line id)(?-u:\b)|微信"
);
pattern!(EMPTY_ANSWER, r"(?m)^\s*→\s*$");

fn flag(code: &str, fix: String, fix_zh: String) -> LintFlag {
    LintFlag {
        code: code.to_string(),
        fix,
        fix_zh,
    }
}

/// Lints a reply. Returns the flags, most important first.
pub fn lint(text: &str, ctx: &LintContext) -> Vec<LintFlag> {
    let mut out = Vec::new();
    let text = crate::core::triage::signals::cap(text, 64 * 1024);
    let lower = text.to_lowercase();
    if let Some(m) = PLACEHOLDER
        .find(text)
        .or_else(|| PLACEHOLDER_WORD.find(&lower))
    {
        out.push(flag(
            "PLACEHOLDER_LEFT",
            format!(
                "Replace the placeholder \"{}\" with the real text before sending.",
                m.as_str()
            ),
            format!("发送前请把占位符“{}”替换为实际内容。", m.as_str()),
        ));
    }
    if EMPTY_ANSWER.is_match(text) {
        out.push(flag(
            "UNANSWERED_QUESTION",
            "Write your answer after each arrow (→), or remove the question you will not answer."
                .into(),
            "请在每个箭头（→）后写上答案，或删除不回答的问题。".into(),
        ));
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !ctx.acknowledgement {
        let first = lines.first().copied().unwrap_or("");
        match &ctx.given_name {
            Some(name) if !first.contains(name.as_str()) => out.push(flag(
                "NO_GIVEN_NAME_GREETING",
                format!("Open with the buyer's given name, e.g. \"Dear {name},\"."),
                format!("开头请用买家的名字称呼，例如“Dear {name},”。"),
            )),
            None if !GREETING.is_match(&first.to_lowercase()) => out.push(flag(
                "NO_GIVEN_NAME_GREETING",
                "Open with a greeting and the buyer's given name (e.g. \"Dear John,\").".into(),
                "开头请问候并称呼买家的名字（例如“Dear John,”）。".into(),
            )),
            _ => {}
        }
        // The last lines before the contact details (visitor mail ends with them).
        let tail = lines
            .iter()
            .rev()
            .filter(|l| {
                !(EMAIL.is_match(l) || PHONE.is_match(l) || APPS.is_match(&l.to_lowercase()))
            })
            .take(6)
            .any(|l| l.contains(['?', '？', '؟']));
        if !tail {
            out.push(flag(
                "NO_CLOSING_QUESTION",
                "End with a question the buyer can answer (quantity, market, timing): it keeps the conversation going.".into(),
                "结尾请提一个买家容易回答的问题（数量、市场、时间），以便对方回复。".into(),
            ));
        }
    }
    let without_tracking = match ctx.tracking_number.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => text.replace(t, ""),
        _ => text.to_string(),
    };
    if ctx.first_reply
        && (EMAIL.is_match(text) || PHONE.is_match(&without_tracking) || APPS.is_match(&lower))
    {
        out.push(flag(
            "OFF_PLATFORM_CONTACT",
            "Remove the e-mail, phone or chat-app details: in a first reply the buyer should answer here first.".into(),
            "首次回复请删除邮箱、电话或聊天软件信息：先让买家在平台上回复。".into(),
        ));
    }
    if ctx.channel == Channel::Rtm {
        let n = text.trim().chars().count();
        if !(20..=256).contains(&n) {
            out.push(flag(
                "RTM_LENGTH",
                format!(
                    "Real-time marketing messages must be 20 to 256 characters; this one has {n}."
                ),
                format!("实时营销消息须为 20–256 个字符，当前为 {n} 个。"),
            ));
        }
    }
    if let Some(buyer) = ctx.buyer_language.as_deref().filter(|l| !l.is_empty()) {
        let ours = identify(text);
        // A buyer language with no template version may be answered in English.
        let english_allowed = ours.language == "en" && !super::TEMPLATE_LANGUAGES.contains(&buyer);
        if ours.sure && ours.language != buyer && !english_allowed {
            out.push(flag(
                "LANGUAGE_MISMATCH",
                format!(
                    "The buyer wrote in {}; reply in that language or add a short translation.",
                    language_name(buyer)
                ),
                format!(
                    "买家使用{}，请用同一种语言回复或附上简短翻译。",
                    language_name_zh(buyer)
                ),
            ));
        }
    }
    out
}

fn language_name(code: &str) -> &'static str {
    match code {
        "en" => "English",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "fr" => "French",
        "de" => "German",
        "it" => "Italian",
        "ru" => "Russian",
        "ar" => "Arabic",
        "zh" => "Chinese",
        "tr" => "Turkish",
        "vi" => "Vietnamese",
        "id" => "Indonesian",
        _ => "another language",
    }
}

fn language_name_zh(code: &str) -> &'static str {
    match code {
        "en" => "英语",
        "es" => "西班牙语",
        "pt" => "葡萄牙语",
        "fr" => "法语",
        "de" => "德语",
        "it" => "意大利语",
        "ru" => "俄语",
        "ar" => "阿拉伯语",
        "zh" => "中文",
        "tr" => "土耳其语",
        "vi" => "越南语",
        "id" => "印尼语",
        _ => "其他语言",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, ctx: &LintContext) -> Vec<String> {
        lint(text, ctx).into_iter().map(|f| f.code).collect()
    }

    fn john() -> LintContext {
        LintContext {
            given_name: Some("John".into()),
            buyer_language: Some("en".into()),
            first_reply: true,
            ..LintContext::default()
        }
    }

    const CLEAN: &str = "Dear John,\n\nThank you for your inquiry. The price is USD 12 per piece.\n\nWhat quantity do you need?\n\nBest regards,\nLily";

    #[test]
    fn greetings_in_other_scripts_count() {
        // Regression: "尊敬的王先生" and "Уважаемый" were missed (a Unicode word
        // boundary was required right after the greeting word).
        let anyone = LintContext {
            given_name: None,
            ..john()
        };
        for opening in [
            "尊敬的王先生：",
            "您好！",
            "Уважаемый Иван,",
            "Dear friend,",
            "مرحبا أحمد",
        ] {
            let reply = CLEAN.replacen("Dear John,", opening, 1);
            assert!(
                !codes(&reply, &anyone).contains(&"NO_GIVEN_NAME_GREETING".to_string()),
                "{opening}"
            );
        }
        let reply = CLEAN.replacen("Dear John,", "Hiking boots are in stock.", 1);
        assert!(codes(&reply, &anyone).contains(&"NO_GIVEN_NAME_GREETING".to_string()));
    }

    #[test]
    fn a_clean_reply_raises_nothing() {
        assert!(
            codes(CLEAN, &john()).is_empty(),
            "{:?}",
            codes(CLEAN, &john())
        );
    }

    #[test]
    fn one_case_per_flag() {
        let rtm = LintContext {
            channel: Channel::Rtm,
            ..john()
        };
        let cases: Vec<(String, LintContext, &str)> = vec![
            (
                CLEAN.replace("John", "XX"),
                LintContext {
                    given_name: None,
                    ..john()
                },
                "PLACEHOLDER_LEFT",
            ),
            (CLEAN.replace("USD 12", "**"), john(), "PLACEHOLDER_LEFT"),
            (
                CLEAN.replace("USD 12", "{{price}}"),
                john(),
                "PLACEHOLDER_LEFT",
            ),
            (
                CLEAN.replace("USD 12", "[price]"),
                john(),
                "PLACEHOLDER_LEFT",
            ),
            (
                CLEAN.replace("USD 12", "<name>"),
                john(),
                "PLACEHOLDER_LEFT",
            ),
            (
                CLEAN.replace("The price is USD 12 per piece.", "1. \"Price?\"\n   → "),
                john(),
                "UNANSWERED_QUESTION",
            ),
            (
                CLEAN.replace("Dear John", "Dear customer"),
                john(),
                "NO_GIVEN_NAME_GREETING",
            ),
            (
                CLEAN.replace(
                    "What quantity do you need?",
                    "We look forward to your order.",
                ),
                john(),
                "NO_CLOSING_QUESTION",
            ),
            (
                CLEAN.replace("Lily", "Lily\nWhatsApp +86 138 0000 0000"),
                john(),
                "OFF_PLATFORM_CONTACT",
            ),
            (
                CLEAN.replace("Lily", "lily@example.com"),
                john(),
                "OFF_PLATFORM_CONTACT",
            ),
            ("Hi John, price?".to_string(), rtm.clone(), "RTM_LENGTH"),
            ("x".repeat(300), rtm, "RTM_LENGTH"),
            (
                CLEAN.to_string(),
                LintContext {
                    buyer_language: Some("es".into()),
                    ..john()
                },
                "LANGUAGE_MISMATCH",
            ),
        ];
        for (text, ctx, want) in cases {
            let got = codes(&text, &ctx);
            assert!(
                got.contains(&want.to_string()),
                "{want} not in {got:?} for {text:?}"
            );
        }
    }

    #[test]
    fn contact_details_are_fine_after_the_first_reply() {
        let text = CLEAN.replace("Lily", "Lily\nWhatsApp +86 138 0000 0000");
        assert!(codes(
            &text,
            &LintContext {
                first_reply: false,
                ..john()
            }
        )
        .is_empty());
    }

    #[test]
    fn every_flag_says_how_to_fix_in_both_languages() {
        for f in lint(
            "x **",
            &LintContext {
                channel: Channel::Rtm,
                buyer_language: Some("ru".into()),
                first_reply: true,
                ..LintContext::default()
            },
        ) {
            assert!(!f.fix.is_empty() && !f.fix_zh.is_empty(), "{f:?}");
        }
    }
}
