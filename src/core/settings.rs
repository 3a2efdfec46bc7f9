//! Settings: everything a rep (or an admin, through managed storage) can change.
//!
//! Settings travel as one versioned JSON document — the options page exports
//! it, a company hands the same file to every rep, `xunpan --settings` reads it.
//! Reading is strict about what it understands (a bad file is refused whole,
//! with the reason) and forgiving about what it does not know yet (fields from
//! a newer version are ignored, missing fields take their defaults).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::clock::{ClockPolicy, Zone};
use crate::core::error::Error;
use crate::core::reply::ReplySettings;
use crate::core::rfq::RfqSettings;
use crate::core::triage::TriageSettings;

/// The marker every settings file carries, so a wrong file is caught early.
pub const FORMAT: &str = "xunpan-settings";

/// The schema version this build writes. Older versions are migrated on read.
pub const VERSION: u32 = 1;

/// The language the rep reads Xunpan in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    /// The browser's language (Chinese browsers read Chinese, all others English).
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// English.
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh_CN", alias = "zh", alias = "zh-CN")]
    ZhCn,
}

/// Deadline warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationSettings {
    /// Whether warnings are shown at all.
    pub enabled: bool,
    /// Local hours with no warnings (`{"start": "22:00", "end": "08:00"}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHours>,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        NotificationSettings {
            enabled: true,
            quiet_hours: None,
        }
    }
}

/// A quiet period of the day, `HH:MM` to `HH:MM` (may wrap past midnight).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuietHours {
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM`.
    pub end: String,
}

/// All settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version, see [`VERSION`].
    pub version: u32,
    /// UI language.
    pub language: Language,
    /// The rep's time-zone offset for the command line (`+08:00`); the
    /// extension passes the browser's zone instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Triage thresholds, weights, lists and the learned filter.
    pub triage: TriageSettings,
    /// Rep profile and templates.
    pub reply: ReplySettings,
    /// Reply-time policy.
    pub policy: ClockPolicy,
    /// What the rep quotes on the RFQ market.
    pub rfq: RfqSettings,
    /// Per-field CSS selector overrides for the site adapters (field → selector).
    pub selector_overrides: BTreeMap<String, String>,
    /// Deadline warnings.
    pub notifications: NotificationSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: FORMAT.to_string(),
            version: VERSION,
            language: Language::default(),
            zone: None,
            triage: TriageSettings::default(),
            reply: ReplySettings::default(),
            policy: ClockPolicy::default(),
            rfq: RfqSettings::default(),
            selector_overrides: BTreeMap::new(),
            notifications: NotificationSettings::default(),
        }
    }
}

impl Settings {
    /// Reads a settings document, migrating older versions, and validates it.
    pub fn from_json(text: &str) -> Result<Settings, Error> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::BadSettings(format!(
                "not JSON ({e}); export the settings again from the options page"
            ))
        })?;
        Settings::from_value(value)
    }

    /// As [`Settings::from_json`], from an already parsed value.
    pub fn from_value(value: serde_json::Value) -> Result<Settings, Error> {
        let obj = value
            .as_object()
            .ok_or_else(|| Error::BadSettings("the file must hold one JSON object".to_string()))?;
        match obj.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(Error::BadSettings(format!(
                    "this is a '{other}' file, not Xunpan settings (\"format\": \"{FORMAT}\")"
                )))
            }
            None => {
                return Err(Error::BadSettings(format!(
                    "no \"format\": \"{FORMAT}\" marker; is this a Xunpan settings export?"
                )))
            }
        }
        let version = obj.get("version").and_then(|v| v.as_u64()).unwrap_or(1);
        if version > u64::from(VERSION) {
            return Err(Error::BadSettings(format!(
                "written by a newer Xunpan (settings version {version}, this one reads up to {VERSION}); update Xunpan first"
            )));
        }
        // Read from the value by reference, as every other record is (one reader
        // per type in the wasm).
        let mut settings = crate::core::value_reader::read::<Settings>(&value)
            .map_err(|e| Error::BadSettings(format!("{e}")))?;
        settings.version = VERSION;
        settings.normalize();
        settings.validate()?;
        Ok(settings)
    }

    /// Writes what people type the one way it is stored: quiet hours given as `10pm` or
    /// `8.30` become `22:00` and `08:30` (working hours do so as they are read).
    fn normalize(&mut self) {
        if let Some(q) = &mut self.notifications.quiet_hours {
            for t in [&mut q.start, &mut q.end] {
                if let Some(time) = crate::core::clock::parse_time_of_day(t) {
                    *t = crate::core::clock::format_hh_mm(time);
                }
            }
        }
    }

    /// Checks values serde cannot (ranges, zones).
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(z) = &self.zone {
            Zone::parse(z).map_err(|e| Error::BadSettings(e.to_string()))?;
        }
        self.triage.validate().map_err(Error::BadSettings)?;
        self.reply.validate().map_err(Error::BadSettings)?;
        self.policy.validate().map_err(Error::BadSettings)?;
        self.rfq.validate().map_err(Error::BadSettings)?;
        if let Some(q) = &self.notifications.quiet_hours {
            for t in [&q.start, &q.end] {
                if crate::core::clock::parse_hh_mm(t).is_none() {
                    return Err(Error::BadSettings(format!(
                        "notifications.quietHours: '{t}' is not HH:MM"
                    )));
                }
            }
        }
        Ok(())
    }

    /// The document to export.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

// --- layers: an administrator's policy under the rep's own changes ------------------------

/// The settings in force: `own` (the rep's changes) laid over `policy` (a settings
/// document from the browser's managed storage, set by an administrator). Objects are
/// merged key by key; lists and values of `own` replace the policy's. Without a policy,
/// `own` is the whole document (or the defaults when absent).
pub fn layered(
    policy: Option<&serde_json::Value>,
    own: Option<&serde_json::Value>,
) -> Result<Settings, Error> {
    let Some(policy) = policy else {
        return own.map_or_else(
            || Ok(Settings::default()),
            |v| Settings::from_value(v.clone()),
        );
    };
    let from_policy = Settings::from_value(policy.clone())
        .map_err(|e| Error::BadSettings(format!("the administrator's policy: {e}")))?;
    match own {
        None => Ok(from_policy),
        Some(own) => {
            let mut merged = policy.clone();
            merge(&mut merged, own);
            Settings::from_value(merged)
        }
    }
}

/// What `full` (a complete settings document) changes relative to `policy` (the
/// policy with every default filled in, as the engine reports it): the rep's own layer,
/// to store. It keeps the format marker and version, so it is recognisable on its own.
pub fn own_layer(policy: &serde_json::Value, full: &serde_json::Value) -> serde_json::Value {
    let mut own = diff(policy, full).unwrap_or_else(|| serde_json::json!({}));
    if let Some(obj) = own.as_object_mut() {
        obj.insert("format".into(), FORMAT.into());
        obj.insert("version".into(), VERSION.into());
    }
    own
}

fn merge(base: &mut serde_json::Value, top: &serde_json::Value) {
    match (base, top) {
        (serde_json::Value::Object(b), serde_json::Value::Object(t)) => {
            for (key, value) in t {
                match b.get_mut(key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge(slot, value),
                    _ => {
                        b.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (b, t) => *b = t.clone(),
    }
}

/// The parts of `next` that differ from `base` (None when nothing does).
fn diff(base: &serde_json::Value, next: &serde_json::Value) -> Option<serde_json::Value> {
    match (base, next) {
        (serde_json::Value::Object(b), serde_json::Value::Object(n)) => {
            let mut changed = serde_json::Map::new();
            for (key, value) in n {
                let change = match b.get(key) {
                    Some(old) => diff(old, value),
                    None => Some(value.clone()),
                };
                if let Some(change) = change {
                    changed.insert(key.clone(), change);
                }
            }
            (!changed.is_empty()).then_some(serde_json::Value::Object(changed))
        }
        (b, n) if b == n => None,
        (_, n) => Some(n.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reps_changes_lie_over_the_policy_and_keep_the_rest() {
        let policy = serde_json::json!({
            "format": FORMAT, "version": 1,
            "triage": { "spamThreshold": 7.5, "lists": { "deny": ["spam-house.example"] } },
            "rfq": { "keywords": ["LED panel"] },
            "reply": { "profile": { "company": "Demo Trading Co." } }
        });
        // The rep sets their own name and one more keyword in Options (a full document).
        let complete =
            serde_json::to_value(layered(Some(&policy), None).expect("policy")).expect("json");
        let mut full = complete.clone();
        full["reply"]["profile"]["repName"] = "Lily Chen".into();
        full["rfq"]["keywords"] = serde_json::json!(["LED panel", "solar panel"]);
        let own = own_layer(&complete, &full);
        assert_eq!(
            own["reply"]["profile"],
            serde_json::json!({ "repName": "Lily Chen" })
        );
        assert!(
            own.get("triage").is_none(),
            "nothing the rep left alone is copied"
        );
        let effective = layered(Some(&policy), Some(&own)).expect("layers");
        assert_eq!(effective.reply.profile.company, "Demo Trading Co.");
        assert_eq!(effective.reply.profile.rep_name, "Lily Chen");
        assert_eq!(effective.triage.spam_threshold, 7.5);
        assert_eq!(effective.rfq.keywords, ["LED panel", "solar panel"]);
        // The administrator changes the policy later: what the rep did not touch follows it.
        let mut newer = policy.clone();
        newer["triage"]["spamThreshold"] = 8.0.into();
        newer["reply"]["profile"]["company"] = "Demo Trading Group".into();
        let effective = layered(Some(&newer), Some(&own)).expect("layers");
        assert_eq!(effective.triage.spam_threshold, 8.0);
        assert_eq!(effective.reply.profile.company, "Demo Trading Group");
        assert_eq!(effective.reply.profile.rep_name, "Lily Chen");
    }

    #[test]
    fn without_a_policy_the_reps_document_is_the_whole() {
        let own = serde_json::to_value(Settings::default()).expect("json");
        assert_eq!(layered(None, Some(&own)).expect("own"), Settings::default());
        assert_eq!(layered(None, None).expect("defaults"), Settings::default());
    }

    #[test]
    fn a_bad_policy_is_named_as_the_administrators() {
        let bad = serde_json::json!({ "format": FORMAT, "triage": { "spamThreshold": "high" } });
        let err = layered(Some(&bad), None).expect_err("refused").to_string();
        assert!(err.contains("administrator"), "{err}");
    }

    #[test]
    fn times_are_stored_the_one_way_whatever_way_they_were_typed() {
        let s = Settings::from_value(serde_json::json!({
            "format": FORMAT,
            "policy": { "workingHours": { "mon": ["8.30 - 5.30pm"], "sat": ["9am-12"] } },
            "notifications": { "quietHours": { "start": "10pm", "end": "7.30" } }
        }))
        .expect("common ways of writing times are read");
        let json = serde_json::to_value(&s).expect("json");
        assert_eq!(
            json["policy"]["workingHours"]["mon"],
            serde_json::json!(["08:30-17:30"])
        );
        assert_eq!(
            json["policy"]["workingHours"]["sat"],
            serde_json::json!(["09:00-12:00"])
        );
        assert_eq!(
            json["notifications"]["quietHours"],
            serde_json::json!({ "start": "22:00", "end": "07:30" })
        );
        let bad = Settings::from_value(serde_json::json!({
            "format": FORMAT, "notifications": { "quietHours": { "start": "late", "end": "7" } }
        }));
        assert!(bad.expect_err("refused").to_string().contains("'late'"));
    }

    #[test]
    fn round_trip_loses_nothing() {
        let mut s = Settings {
            zone: Some("+07:00".into()),
            ..Settings::default()
        };
        s.selector_overrides
            .insert("inquiryRow".into(), "a.row".into());
        let back = Settings::from_json(&s.to_json()).expect("reads its own export");
        assert_eq!(back, s);
    }

    #[test]
    fn refuses_other_files_with_a_reason() {
        for (text, needle) in [
            ("not json", "not JSON"),
            ("[]", "one JSON object"),
            (r#"{"version":1}"#, "format"),
            (r#"{"format":"other"}"#, "'other'"),
            (r#"{"format":"xunpan-settings","version":99}"#, "newer"),
            (r#"{"format":"xunpan-settings","zone":"Mars"}"#, "time zone"),
        ] {
            let e = Settings::from_json(text).expect_err(text).to_string();
            assert!(e.contains(needle), "{text}: {e}");
        }
    }
}
