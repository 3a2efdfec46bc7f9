//! The engine: one entry point from an Inquiry to everything the rep sees.
//!
//! The command-line tool and the WebAssembly boundary both go through
//! [`Engine`], so the extension, `xunpan triage` and `xunpan render` can never
//! disagree.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::clock::{self, Deadline, FollowUp, Zone};
use crate::core::error::Error;
use crate::core::inquiry::Inquiry;
use crate::core::intake::{DroppedField, Intake};
use crate::core::reply::{self, Library, LintContext, LintFlag, Rendered, Template};
use crate::core::rfq::{RfqFit, RfqMatcher};
use crate::core::settings::Settings;
use crate::core::triage::{Assessment, Seen, Triager, Verdict};

/// The triage result of one inquiry, in the shape of `docs/formats.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriageResult {
    /// The inquiry's id, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Verdict, score, reasons, kind, grade and priority.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// The best template id.
    pub template: String,
    /// The next best template ids.
    pub alternatives: Vec<String>,
    /// The reply clocks, when the inquiry has an arrival time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// The next follow-up, when our reply is the last word of the thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    /// Buying requests only: relevance to the rep's keywords, freshness, quotes left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rfq: Option<RfqFit>,
    /// Optional fields of the inquiry the door could not read and left out, each with
    /// its reason ([`crate::core::intake`]); absent when everything was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedField>,
}

/// The clocks of an inquiry whose buyer's text was not shown: a list row whose latest
/// message is our own reply. Nothing here needs the text (no verdict, grade or
/// template: those would be guesses); what the thread's times say is certain. Written
/// as `{deadline, followUp}`, each null when there is none (no id nor mark of its
/// own: the caller knows what it asked, and every field costs the package bytes).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadClocks {
    /// The reply clocks, when the inquiry has an arrival time (else null).
    pub deadline: Option<Deadline>,
    /// The next follow-up, when our reply is the last word of the thread (the
    /// cadence of a silent buyer: the grade that times a conversation is not known;
    /// else null).
    pub follow_up: Option<FollowUp>,
}

/// Settings compiled once, ready to triage and render any number of inquiries.
#[derive(Debug, Clone)]
pub struct Engine {
    settings: Settings,
    triager: Triager,
    library: Library,
    rfq: RfqMatcher,
}

/// What one batch remembers between its inquiries (repeated texts).
#[derive(Debug, Default)]
pub struct Batch {
    seen: Seen,
}

impl Engine {
    /// Compiles the settings. Fails only on settings that do not validate.
    pub fn new(settings: Settings) -> Result<Engine, Error> {
        settings.validate()?;
        Ok(Engine {
            triager: Triager::new(&settings.triage),
            library: Library::new(&settings.reply),
            rfq: RfqMatcher::new(&settings.rfq),
            settings,
        })
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every template of the library (defaults and the rep's own).
    pub fn templates(&self) -> Vec<Template> {
        self.library.templates()
    }

    /// Lints a reply the rep is writing to `inquiry` (or to no one in particular).
    pub fn lint(&self, text: &str, inquiry: Option<&Inquiry>) -> Vec<LintFlag> {
        let ctx = match inquiry {
            Some(i) => LintContext {
                given_name: reply::names::given_name(i.buyer.as_ref()),
                buyer_language: Some(crate::core::analysis::language_of(&i.body).to_string()),
                first_reply: i
                    .thread
                    .as_ref()
                    .is_none_or(|t| t.our_last_reply_at.is_none()),
                channel: i.channel,
                acknowledgement: false,
                tracking_number: i.shipment.as_ref().and_then(|s| s.tracking_number.clone()),
            },
            None => LintContext::default(),
        };
        reply::lint(text, &ctx)
    }

    /// Learns from the rep's "spam" / "not spam" click; the settings change.
    pub fn learn(&mut self, inquiry: &Inquiry, spam: bool) {
        self.settings.triage.learn(inquiry, spam);
        self.triager = Triager::new(&self.settings.triage);
    }

    /// Learns from many marked inquiries at once (a set of examples a company shares,
    /// or a rep's own archive); the engine is rebuilt once, not once per example.
    pub fn learn_many<'a>(&mut self, examples: impl IntoIterator<Item = (&'a Inquiry, bool)>) {
        for (inquiry, spam) in examples {
            self.settings.triage.learn(inquiry, spam);
        }
        self.triager = Triager::new(&self.settings.triage);
    }

    /// Triage one inquiry at `now` for a rep in `zone`.
    pub fn triage(
        &self,
        inquiry: &Inquiry,
        batch: &mut Batch,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> TriageResult {
        let mut assessment = self.triager.assess(inquiry, &mut batch.seen);
        let rfq = self.rfq.fit(inquiry, &assessment, now);
        if let Some(fit) = &rfq {
            assessment.priority = self.rfq.priority(fit, assessment.priority);
        }
        let follow_up = clock::follow_up(inquiry, now, zone, Some(assessment.grade));
        let mut ranked = self
            .library
            .suggest(inquiry, &assessment, follow_up.as_ref())
            .into_iter();
        let template = ranked.next().unwrap_or_else(|| "short_ack".to_string());
        // Spam is not work to hurry: only the platform's count of it, where it counts.
        let deadline = if assessment.verdict == Verdict::Spam {
            clock::spam_deadline(&self.settings.policy, inquiry, now, zone)
        } else {
            clock::deadline(&self.settings.policy, inquiry, now, zone)
        };
        TriageResult {
            id: inquiry.id.clone(),
            deadline,
            follow_up: clock::next_follow_up(inquiry, zone, Some(assessment.grade)),
            template,
            alternatives: ranked.collect(),
            assessment,
            rfq,
            dropped: Vec::new(),
        }
    }

    /// The clocks of `inquiry` from its thread alone, its text unread ([`ThreadClocks`]):
    /// the reply deadline as for a message that is not spam, and the next follow-up.
    pub fn thread_clocks(
        &self,
        inquiry: &Inquiry,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> ThreadClocks {
        ThreadClocks {
            deadline: clock::deadline(&self.settings.policy, inquiry, now, zone),
            follow_up: clock::next_follow_up(inquiry, zone, None),
        }
    }

    /// Triage an inquiry read at the door ([`crate::core::intake`]): the result
    /// carries the notes of the fields the door left out.
    pub fn triage_intake(
        &self,
        intake: Intake,
        batch: &mut Batch,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> TriageResult {
        let mut result = self.triage(&intake.inquiry, batch, now, zone);
        result.dropped = intake.dropped;
        result
    }

    /// Renders the reply for `inquiry`: with `template`, or the suggested one, in the
    /// buyer's language where the template has it.
    pub fn render(
        &self,
        inquiry: &Inquiry,
        template: Option<&str>,
        batch: &mut Batch,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<Rendered, Error> {
        self.render_in(inquiry, template, None, batch, now, zone)
    }

    /// [`Engine::render`] in `language` (`None`: the buyer's; English where the
    /// template has no version in it): the card's switch to English.
    pub fn render_in(
        &self,
        inquiry: &Inquiry,
        template: Option<&str>,
        language: Option<&str>,
        batch: &mut Batch,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> Result<Rendered, Error> {
        let id = match template {
            Some(t) => t.to_string(),
            None => {
                let assessment = self.triager.assess(inquiry, &mut batch.seen);
                let follow_up = clock::follow_up(inquiry, now, zone, Some(assessment.grade));
                self.library
                    .suggest(inquiry, &assessment, follow_up.as_ref())
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| "short_ack".to_string())
            }
        };
        self.library.render_in(&id, inquiry, language)
    }
}
