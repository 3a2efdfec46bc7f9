//! The `xunpan` command-line contract of `docs/formats.md`, run through the library's
//! `cli::run` with in-memory input and output.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

fn run(args: &[&str], input: &str) -> (i32, Vec<String>, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut stdin = std::io::Cursor::new(input.as_bytes().to_vec());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = xunpan::cli::run(&args, &mut stdin, &mut out, &mut err);
    let out = String::from_utf8(out).expect("utf-8 output");
    (
        code,
        out.lines().map(str::to_string).collect(),
        String::from_utf8(err).expect("utf-8"),
    )
}

fn json(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

const GOOD: &str = r#"{"id":"a1","receivedAt":"2026-11-23T09:12:00+08:00","body":"Hi, price for 200 pcs of the 20 inch wig?","buyer":{"name":"Ana Ruiz"}}"#;

#[test]
fn triage_one_result_per_line_in_order_and_errors_in_place() {
    let input = format!("{GOOD}\n\nnot json\n{{\"id\":\"x\"}}\n{{\"body\":42}}\n[1]\n{GOOD}\n");
    let (code, lines, _) = run(&["triage", "--now", "2026-11-23T09:15:00+08:00"], &input);
    assert_eq!(code, 1, "a failed line makes the exit status 1");
    assert_eq!(
        lines.len(),
        6,
        "blank lines are skipped, nothing else: {lines:#?}"
    );
    assert_eq!(json(&lines[0])["id"], "a1");
    for (i, line_no, needle) in [
        (1, 3, "JSON"),
        (2, 4, "body"),
        (3, 5, "body"),
        (4, 6, "object"),
    ] {
        let v = json(&lines[i]);
        assert_eq!(v["line"], line_no, "{v}");
        assert!(
            v["error"].as_str().is_some_and(|e| e.contains(needle)),
            "{v}"
        );
    }
    assert_eq!(json(&lines[5])["id"], "a1");
}

#[test]
fn triage_result_has_the_contract_fields() {
    let (code, lines, _) = run(
        &[
            "triage",
            "--tz",
            "+08:00",
            "--now",
            "2026-11-23T09:15:00+08:00",
        ],
        GOOD,
    );
    assert_eq!(code, 0);
    let v = json(&lines[0]);
    for key in [
        "id", "verdict", "score", "reasons", "kind", "grade", "priority", "template", "deadline",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["deadline"]["companyDue"], "2026-11-23T09:22:00+08:00");
    assert_eq!(v["deadline"]["platformDue"], "2026-11-24T09:12:00+08:00");
    assert_eq!(v["deadline"]["status"], "on_track");
}

#[test]
fn spam_gets_the_platforms_quiet_clock_only() {
    // A credential-phishing inquiry: no company target to hurry for, only the platform's
    // 24 h (it counts until the rep moves it to the spam folder), marked quiet.
    let phishing = r#"{"id":"p1","channel":"inquiry","receivedAt":"2026-11-23T09:12:00+08:00","subject":"Purchase order","body":"Dear supplier, your account is suspended. Sign in with your email password at http://alibaba-verify.example/login to view the purchase order and release payment today.","attachments":[{"name":"PO#4471.zip","size":48213}]}"#;
    let (_, lines, _) = run(
        &[
            "triage",
            "--tz",
            "+08:00",
            "--now",
            "2026-11-23T09:30:00+08:00",
        ],
        phishing,
    );
    let v = json(&lines[0]);
    assert_eq!(v["verdict"], "spam", "{v}");
    assert!(v["deadline"].get("companyDue").is_none(), "{v}");
    assert_eq!(v["deadline"]["platformDue"], "2026-11-24T09:12:00+08:00");
    assert_eq!(
        v["deadline"]["status"], "on_track",
        "not overdue after 18 minutes"
    );
    assert_eq!(v["deadline"]["quiet"], true);
}

#[test]
fn tz_changes_the_offset_of_the_deadlines() {
    let (_, lines, _) = run(
        &[
            "triage",
            "--tz",
            "-05:00",
            "--now",
            "2026-11-23T09:15:00+08:00",
        ],
        GOOD,
    );
    let v = json(&lines[0]);
    let due = v["deadline"]["platformDue"].as_str().expect("platformDue");
    assert!(due.ends_with("-05:00"), "{due}");
}

#[test]
fn eval_ends_with_a_json_summary() {
    let input = format!(
        "{}\n{}\n",
        GOOD.replace(
            "\"id\"",
            "\"label\":\"genuine\",\"template\":\"answer_questions\",\"id\""
        ),
        r#"{"label":"spam","body":"Dear supplier, view our purchase order: sign in with your email password at http://alibaba.com.secure-login.example/po"}"#
    );
    let dir = std::env::temp_dir().join(format!("xunpan-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("labelled.jsonl");
    std::fs::write(&file, input).expect("write");
    let (code, lines, _) = run(&["eval", file.to_str().expect("path")], "");
    assert_eq!(code, 0);
    let summary = json(lines.last().expect("a last line"));
    assert_eq!(summary["total"], 2);
    assert_eq!(summary["genuine"]["total"], 1);
    assert_eq!(summary["spam"]["total"], 1);
    assert_eq!(summary["templateCases"], 1);
    for key in [
        "spamPrecision",
        "spamRecall",
        "spamFlagged",
        "genuineCalledSpam",
        "templateTop1",
    ] {
        assert!(summary[key].is_number(), "{key}: {summary}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn eval_flags_rows_without_a_label() {
    let dir = std::env::temp_dir().join(format!("xunpan-eval-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("unlabelled.jsonl");
    std::fs::write(&file, format!("{GOOD}\n")).expect("write");
    let (code, lines, _) = run(&["eval", file.to_str().expect("path")], "");
    assert_eq!(code, 1);
    assert!(lines[0].contains("label"), "{}", lines[0]);
    assert_eq!(json(lines.last().expect("summary"))["errors"], 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn render_gives_id_template_text_lint() {
    let (code, lines, _) = run(&["render", "--template", "answer_questions"], GOOD);
    assert_eq!(code, 0);
    let v = json(&lines[0]);
    assert_eq!(v["id"], "a1");
    assert_eq!(v["template"], "answer_questions");
    assert!(v["text"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(v["lint"].is_array());
}

#[test]
fn usage_errors_say_what_to_do() {
    for (args, needle) in [
        (vec![], "no command"),
        (vec!["frobnicate"], "unknown command"),
        (vec!["triage", "--tz"], "needs a value"),
        (vec!["triage", "--tz", "Mars"], "+08:00"),
        (vec!["triage", "--now", "soon"], "RFC 3339"),
        (vec!["render", "--template", "nope"], "answer_questions"),
        (vec!["eval"], "labelled FILE"),
        (vec!["triage", "/no/such/file.jsonl"], "cannot open"),
        (
            vec!["triage", "--settings", "/no/such/settings.json"],
            "cannot read settings",
        ),
    ] {
        let (code, _, err) = run(&args, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn settings_file_is_validated() {
    let dir = std::env::temp_dir().join(format!("xunpan-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"format":"something-else"}"#).expect("write");
    let (code, _, err) = run(&["triage", "--settings", bad.to_str().expect("path")], GOOD);
    assert_eq!(code, 2);
    assert!(err.contains("not Xunpan settings"), "{err}");
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"format":"xunpan-settings","version":1,"zone":"+01:00"}"#,
    )
    .expect("write");
    let (code, lines, _) = run(
        &[
            "triage",
            "--settings",
            good.to_str().expect("path"),
            "--now",
            "2026-11-23T09:15:00+08:00",
        ],
        GOOD,
    );
    assert_eq!(code, 0);
    let due = json(&lines[0])["deadline"]["platformDue"]
        .as_str()
        .expect("due")
        .to_string();
    assert!(due.ends_with("+01:00"), "the settings' zone is used: {due}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rfq_keywords_from_a_settings_file_rank_buying_requests() {
    let dir = std::env::temp_dir().join(format!("xunpan-cli-rfq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let settings = dir.join("settings.json");
    std::fs::write(
        &settings,
        r#"{"format":"xunpan-settings","version":1,"rfq":{"keywords":["lace wig","假发"],"freshHours":12}}"#,
    )
    .expect("write settings");
    let input = [
        r#"{"id":"r1","channel":"rfq","receivedAt":"2026-11-23T08:00:00+08:00","subject":"HD lace front wigs 22 inch","body":"Need 200 HD lace wigs, DHL to Atlanta.","rfq":{"quotesLeft":8,"buyerTags":["Email Confirmed"]}}"#,
        r#"{"id":"r2","channel":"rfq","receivedAt":"2026-11-23T08:00:00+08:00","subject":"Office chairs","body":"300 mesh office chairs","rfq":{"quotesLeft":"3"}}"#,
        r#"{"id":"r3","channel":"rfq","receivedAt":"2026-11-23T08:00:00+08:00","subject":"Lace wigs","body":"Lace wigs, 50 pieces","rfq":{"quotesLeft":0}}"#,
        r#"{"id":"i1","body":"Hi, price for 200 lace wigs?"}"#,
    ]
    .join("\n");
    let path = settings.to_string_lossy().to_string();
    let (code, lines, err) = run(
        &[
            "triage",
            "--settings",
            &path,
            "--now",
            "2026-11-23T10:00:00+08:00",
        ],
        &input,
    );
    assert_eq!(code, 0, "{err}");
    let results: Vec<Value> = lines.iter().map(|l| json(l)).collect();
    assert_eq!(
        results[0]["rfq"]["matched"],
        serde_json::json!(["lace wig"])
    );
    assert_eq!(results[0]["rfq"]["ageHours"], 2.0);
    assert_eq!(results[0]["rfq"]["worthQuoting"], true);
    assert_eq!(results[0]["priority"], "high");
    assert_eq!(results[0]["template"], "rfq_quote");
    assert_eq!(results[1]["rfq"]["relevance"], 0.0);
    assert_eq!(results[1]["rfq"]["quotesLeft"], 3);
    assert_eq!(results[1]["priority"], "low");
    assert_eq!(results[2]["rfq"]["worthQuoting"], false, "no quotes left");
    assert_eq!(results[2]["priority"], "low");
    assert!(
        results[3].get("rfq").is_none(),
        "only buying requests carry a fit"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 26.5: a buyer whose company name starts like a date ("2024-13-45 Beauty
/// Supply") read into the registration date must not keep the inquiry from being
/// triaged or its reply from being filled: the bad optional field is dropped, with a
/// note, and nothing else is lost.
#[test]
fn a_bad_optional_field_is_dropped_with_a_note_and_the_item_triaged() {
    let line = r#"{"id":"b1","receivedAt":"2026-11-23T09:12:00+08:00","body":"Hi, price for 200 pcs of the 20 inch wig?","buyer":{"name":"Ana Ruiz","company":"2024-13-45 Beauty Supply","registeredAt":"2024-13-45 Beauty Supply","loginDays":[3]}}"#;
    for command in ["triage", "render"] {
        let (code, lines, _) = run(&[command, "--now", "2026-11-23T09:15:00+08:00"], line);
        assert_eq!(code, 0, "{command}: a dropped optional field fails nothing");
        let v = json(&lines[0]);
        assert_eq!(v["id"], "b1", "{command}: {v}");
        let dropped: Vec<&str> = v["dropped"]
            .as_array()
            .map(|d| d.iter().filter_map(|d| d["field"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(dropped, ["buyer.loginDays", "buyer.registeredAt"], "{v}");
        assert!(v["dropped"][1]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not a time") && r.contains("RFC 3339")));
        if command == "triage" {
            assert!(
                v["verdict"].is_string() && v["deadline"]["companyDue"].is_string(),
                "{v}"
            );
        } else {
            assert!(v["text"].as_str().is_some_and(|t| !t.is_empty()), "{v}");
        }
    }
}

/// Issue 26.6: extreme times (huge or negative epoch numbers, years at the ends of
/// the date library's range) once made `xunpan triage` panic (exit 101), losing every
/// later line. Each line of this hostile batch gets a result or an error record, in
/// order; the times outside 1970-9999 are dropped with a note; the exit status is 1
/// for the lines that failed, never a panic.
#[test]
fn a_hostile_batch_of_extreme_times_is_answered_line_by_line() {
    let max_ms = 8_210_266_876_799_999_i64; // the date library's last millisecond
    let times = [
        "1e300".to_string(),
        "-1e300".to_string(),
        max_ms.to_string(),
        (max_ms - 86_400_000).to_string(),
        "-8210266876799999".to_string(),
        "253402300800000".to_string(), // 10000-01-01T00:00:00Z
        "\"0000-01-01T00:00:00+14:00\"".to_string(),
        "\"9999-12-31T23:59:59-14:00\"".to_string(),
        "18446744073709551615".to_string(),
    ];
    let mut input = String::new();
    let mut expected_dropped = Vec::new();
    for t in &times {
        for (template, field) in [
            (r#"{"body":"hi","receivedAt":TIME}"#, "receivedAt"),
            (
                r#"{"body":"hi","channel":"chat","receivedAt":TIME}"#,
                "receivedAt",
            ),
            (
                r#"{"body":"hi","thread":{"ourLastReplyAt":TIME}}"#,
                "thread.ourLastReplyAt",
            ),
            (
                r#"{"body":"hi","thread":{"buyerReadAt":TIME,"buyerRepliedAt":TIME}}"#,
                "",
            ),
            (
                r#"{"body":"hi","receivedAt":"2026-11-23T09:12:00+08:00","buyer":{"registeredAt":TIME}}"#,
                "buyer.registeredAt",
            ),
            (
                r#"{"body":"hi","channel":"rtm","thread":{"messages":[{"from":"seller","at":TIME},{"from":"buyer","at":TIME}]}}"#,
                "thread.messages[0].at",
            ),
        ] {
            input.push_str(&template.replace("TIME", t));
            input.push('\n');
            expected_dropped.push(field);
        }
    }
    input.push_str("{not json\n");
    input.push_str(r#"{"id":"last","body":"still read after all of the above"}"#);
    let (code, lines, err) = run(&["triage", "--now", "2026-11-23T09:15:00+08:00"], &input);
    assert_eq!(code, 1, "one line is not JSON: {err}");
    assert_eq!(lines.len(), expected_dropped.len() + 2, "one record a line");
    for (i, field) in expected_dropped.iter().enumerate() {
        let v = json(&lines[i]);
        assert!(v["verdict"].is_string(), "line {}: {v}", i + 1);
        let negative = times[i / 6].starts_with('-');
        if !field.is_empty() && !negative {
            assert!(
                v["dropped"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["field"] == *field)),
                "line {}: {field} should be dropped: {v}",
                i + 1
            );
        }
    }
    assert_eq!(
        json(&lines[lines.len() - 2])["line"],
        expected_dropped.len() + 1
    );
    assert_eq!(json(&lines[lines.len() - 1])["id"], "last");
}

/// Issue 26.6: `--now` outside the supported range is refused with the range named.
#[test]
fn now_outside_the_supported_range_is_refused() {
    let (code, _, err) = run(&["triage", "--now", "0001-01-01T00:00:00Z"], GOOD);
    assert_eq!(code, 2);
    assert!(err.contains("1970-01-01 to 9999-12-31"), "{err}");
}

/// Issue 26.7: a line over 1 MiB (a 50 MB line once took 1.6 GB and 7.6 s) gets an
/// error record in its place without being read whole; the lines after it are read.
/// The line cap of `docs/formats.md` (`xunpan::cli::MAX_LINE_BYTES`).
const MAX_LINE: usize = 1 << 20;

#[test]
fn a_line_over_one_mebibyte_is_refused_and_the_next_still_read() {
    let long = format!(r#"{{"id":"long","body":"{}"}}"#, "a".repeat(MAX_LINE + 10));
    let fits = format!(
        r#"{{"id":"fits","body":"{}"}}"#,
        "b ".repeat((MAX_LINE - 100) / 2)
    );
    let input = format!("{long}\n{fits}\n{GOOD}");
    let (code, lines, _) = run(&["triage", "--now", "2026-11-23T09:15:00+08:00"], &input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3);
    let v = json(&lines[0]);
    assert_eq!(v["line"], 1);
    assert!(
        v["error"]
            .as_str()
            .is_some_and(|e| e.contains("1 MiB") && e.contains(&long.len().to_string())),
        "{v}"
    );
    assert_eq!(json(&lines[1])["id"], "fits");
    assert_eq!(json(&lines[2])["id"], "a1");
}
