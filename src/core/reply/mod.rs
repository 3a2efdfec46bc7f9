//! Reply templates: the library, the suggestion, filling in, and the linter.
//!
//! (Foundation stage: the types are final, the library is a first minimal set.)

use serde::{Deserialize, Serialize};

use crate::core::clock::{FollowUp, FollowUpKind};
use crate::core::error::Error;
use crate::core::inquiry::{Channel, Inquiry};
use crate::core::triage::{Assessment, Kind, Verdict};

/// Every template id of the default library, in `formats.md` order.
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

/// The rep's own details, set once in the options page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepProfile {
    /// The rep's name as buyers see it.
    pub rep_name: String,
    /// Company name.
    pub company: String,
    /// Signature block.
    pub signature: String,
}

/// Template settings: the rep's own templates over the defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReplySettings {
    /// The rep's profile.
    pub profile: RepProfile,
}

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

/// A filled-in reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// Template id used.
    pub template: String,
    /// Exactly the text to insert.
    pub text: String,
    /// What the linter found.
    pub lint: Vec<LintFlag>,
}

/// The template library, compiled from settings.
#[derive(Debug, Clone)]
pub struct Library {
    settings: ReplySettings,
}

impl Library {
    /// The library for these settings.
    pub fn new(settings: &ReplySettings) -> Self {
        Library {
            settings: settings.clone(),
        }
    }

    /// Template ids ranked best first (at least one).
    pub fn suggest(
        &self,
        inquiry: &Inquiry,
        assessment: &Assessment,
        follow_up: Option<&FollowUp>,
    ) -> Vec<String> {
        let first = if assessment.verdict == Verdict::Spam {
            "short_ack"
        } else if let Some(f) = follow_up {
            match f.kind {
                FollowUpKind::Unread => "follow_up_unread",
                FollowUpKind::Read => "follow_up_read",
            }
        } else {
            match (inquiry.channel, assessment.kind) {
                (Channel::Rfq, _) => "rfq_quote",
                (Channel::Rtm, _) => "rtm_generic",
                (Channel::Visitor, _) => "visitor_mail",
                (_, Kind::OneClick) => "one_click_reply",
                (_, Kind::Questions) => "answer_questions",
                (_, Kind::Requests) => "fulfil_requests",
                _ => "open_questions",
            }
        };
        let mut out = vec![first.to_string()];
        for alt in ["answer_questions", "open_questions", "short_ack"] {
            if out.len() < 3 && alt != first {
                out.push(alt.to_string());
            }
        }
        out
    }

    /// Fills in the template `id` for this inquiry.
    pub fn render(&self, id: &str, inquiry: &Inquiry) -> Result<Rendered, Error> {
        if !TEMPLATE_IDS.contains(&id) {
            return Err(Error::UnknownTemplate(id.to_string()));
        }
        let name = inquiry
            .buyer
            .as_ref()
            .and_then(|b| b.name.as_deref())
            .and_then(|n| n.split_whitespace().next())
            .unwrap_or("{{buyer_given_name}}");
        let text = format!(
            "Dear {name},\n\nThank you for your message. Could you tell us the quantity you need?\n\n{}",
            self.settings.profile.signature
        );
        Ok(Rendered {
            template: id.to_string(),
            text,
            lint: Vec::new(),
        })
    }
}
