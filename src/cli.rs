//! The `xunpan` command-line tool: `triage`, `eval` and `render` over JSON Lines.
//!
//! Everything here is plain I/O around [`Engine`]; the tool reads the clock
//! (for `--now`'s default) so the core never has to. Input and output follow
//! `docs/formats.md`: one result per non-empty input line, in order; a line that
//! cannot be read yields `{"line": N, "error": "…"}` in its place and the exit
//! status becomes 1, but every other line is still processed.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::core::clock::Zone;
use crate::core::engine::{Batch, Engine};
use crate::core::inquiry::{parse_time, supported_time, unsupported_time_message};
use crate::core::intake::{read_inquiry_json, Intake};
use crate::core::reply::TEMPLATE_IDS;
use crate::core::settings::Settings;
use crate::core::triage::Verdict;

const USAGE: &str = "\
xunpan — triage Alibaba.com buyer inquiries, suggest and fill reply templates

USAGE:
  xunpan triage [--tz +08:00] [--now RFC3339] [--settings FILE] [FILE|-]
  xunpan eval [--settings FILE] FILE
  xunpan render [--template ID] [--settings FILE] [--tz +08:00] [--now RFC3339] [FILE|-]

Input is Inquiry JSON Lines (see docs/formats.md); FILE '-' or no FILE reads standard input.
Output is one JSON object per non-empty input line, in order. A line that cannot be
read gives {\"line\": N, \"error\": \"...\"} in its place and the exit status is 1.";

/// Exit status: all lines done.
pub const EXIT_OK: i32 = 0;
/// Exit status: some line failed (its error record is in the output).
pub const EXIT_LINE_FAILED: i32 = 1;
/// Exit status: the command itself could not run (bad flags, unreadable file).
pub const EXIT_USAGE: i32 = 2;

/// Options shared by the commands.
#[derive(Debug, Default)]
struct Options {
    zone: Option<String>,
    now: Option<String>,
    settings: Option<String>,
    template: Option<String>,
    input: Option<String>,
}

/// Runs the tool with `args` (without the program name). Returns the exit status.
pub fn run(
    args: &[String],
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match run_inner(args, stdin, out) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "xunpan: {message}");
            EXIT_USAGE
        }
    }
}

fn run_inner(args: &[String], stdin: &mut dyn BufRead, out: &mut dyn Write) -> Result<i32, String> {
    let Some(command) = args.first() else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        writeln!(out, "{USAGE}").map_err(io_error)?;
        return Ok(EXIT_OK);
    }
    let opts = parse_options(command, &args[1..])?;
    let settings = match &opts.settings {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read settings file {path}: {e}"))?;
            Settings::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => Settings::default(),
    };
    let zone_text = opts.zone.clone().or_else(|| settings.zone.clone());
    let zone = match zone_text {
        Some(z) => Zone::parse(&z).map_err(|e| e.to_string())?,
        None => Zone::fixed(8 * 60),
    };
    let now: DateTime<Utc> = match &opts.now {
        Some(t) => {
            let now = parse_time(t).map_err(|e| format!("--now: {e}"))?;
            supported_time(now)
                .ok_or_else(|| format!("--now: {}", unsupported_time_message(&now)))?
                .with_timezone(&Utc)
        }
        None => system_now(),
    };
    let engine = Engine::new(settings).map_err(|e| e.to_string())?;

    let mut file_reader;
    let reader: &mut dyn BufRead = match opts.input.as_deref() {
        None | Some("-") => stdin,
        Some(path) => {
            let f = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
            file_reader = std::io::BufReader::new(f);
            &mut file_reader
        }
    };
    match command.as_str() {
        "triage" => triage(&engine, reader, out, now, &zone),
        "render" => render(&engine, reader, out, opts.template.as_deref(), now, &zone),
        "eval" => eval(&engine, reader, out, now, &zone),
        _ => unreachable!("parse_options accepts only known commands"),
    }
}

fn parse_options(command: &str, rest: &[String]) -> Result<Options, String> {
    let allowed: &[&str] = match command {
        "triage" => &["--tz", "--now", "--settings"],
        "eval" => &["--settings", "--tz", "--now"],
        "render" => &["--template", "--settings", "--tz", "--now"],
        other => return Err(format!("unknown command '{other}'\n\n{USAGE}")),
    };
    let mut opts = Options::default();
    let mut i = 0;
    while i < rest.len() {
        let arg = rest[i].as_str();
        if arg.starts_with("--") && arg.len() > 2 {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) => (f, Some(v.to_string())),
                None => (arg, None),
            };
            if !allowed.contains(&flag) {
                return Err(format!("'{command}' takes no option {flag}\n\n{USAGE}"));
            }
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    rest.get(i)
                        .cloned()
                        .ok_or_else(|| format!("{flag} needs a value"))?
                }
            };
            let slot = match flag {
                "--tz" => &mut opts.zone,
                "--now" => &mut opts.now,
                "--settings" => &mut opts.settings,
                _ => &mut opts.template,
            };
            *slot = Some(value);
        } else if opts.input.is_none() {
            opts.input = Some(arg.to_string());
        } else {
            return Err(format!("only one input file, got '{arg}' too\n\n{USAGE}"));
        }
        i += 1;
    }
    if command == "eval" && opts.input.is_none() {
        return Err(format!("eval needs a labelled FILE\n\n{USAGE}"));
    }
    if let Some(t) = &opts.template {
        if !TEMPLATE_IDS.contains(&t.as_str()) {
            return Err(format!(
                "no template '{t}'; the ids are: {}",
                TEMPLATE_IDS.join(", ")
            ));
        }
    }
    Ok(opts)
}

/// The machine's clock; the only place the tool reads it.
fn system_now() -> DateTime<Utc> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn io_error(e: std::io::Error) -> String {
    format!("cannot write output: {e}")
}

/// The longest input line read, in bytes (1 MiB): an inquiry is a few kilobytes,
/// and a line longer than this is refused with an error record, never read whole.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// One input line: its 1-based number and what it held.
enum Line {
    Inquiry {
        number: usize,
        raw: Value,
        intake: Box<Intake>,
    },
    Bad {
        number: usize,
        error: String,
    },
}

/// What [`read_capped_line`] found.
enum Read {
    /// The stream has ended.
    End,
    /// A line of at most [`MAX_LINE_BYTES`], in the buffer (newline excluded).
    Line,
    /// A longer line, skipped to its end; its length in bytes.
    TooLong(usize),
}

/// Reads the next line into `buf`, keeping at most `cap` bytes of it: the rest of a
/// longer line is read through and dropped, so memory stays bounded by `cap`
/// whatever the input.
fn read_capped_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Read> {
    buf.clear();
    let mut length = 0usize;
    let mut seen_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        seen_any = true;
        let newline = available.iter().position(|b| *b == b'\n');
        let content = &available[..newline.unwrap_or(available.len())];
        length = length.saturating_add(content.len());
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&content[..content.len().min(room)]);
        let used = newline.map_or(available.len(), |at| at + 1);
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(match (seen_any, length > cap) {
        (false, _) => Read::End,
        (true, false) => Read::Line,
        (true, true) => Read::TooLong(length),
    })
}

/// Reads the non-empty lines of a JSON Lines stream. A line that cannot be read
/// (too long, not UTF-8) becomes a bad line, never a stop; a failing stream ends
/// after its error is reported.
fn lines(reader: &mut dyn BufRead) -> impl Iterator<Item = Line> + '_ {
    let mut number = 0usize;
    let mut failed = false;
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        if failed {
            return None;
        }
        number += 1;
        match read_capped_line(reader, &mut buf, MAX_LINE_BYTES) {
            Ok(Read::End) => return None,
            Ok(Read::Line) => {}
            Ok(Read::TooLong(length)) => {
                return Some(Line::Bad {
                    number,
                    error: format!(
                        "line is {length} bytes, longer than the {MAX_LINE_BYTES} (1 MiB) a line may be: \
                         put one inquiry on each line and keep its text under 1 MiB"
                    ),
                })
            }
            Err(e) => {
                failed = true;
                return Some(Line::Bad {
                    number,
                    error: format!("cannot read line: {e}"),
                });
            }
        }
        let Ok(text) = std::str::from_utf8(&buf) else {
            return Some(Line::Bad {
                number,
                error: "line is not UTF-8 text: save the file as UTF-8".to_string(),
            });
        };
        if text.trim().is_empty() {
            continue;
        }
        return Some(match read_inquiry_json(text.as_bytes()) {
            Ok((raw, intake)) => Line::Inquiry {
                number,
                raw,
                intake: Box::new(intake),
            },
            Err(e) => Line::Bad {
                number,
                error: e.to_string(),
            },
        });
    })
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|e| format!("cannot encode output: {e}"))?;
    writeln!(out, "{text}").map_err(io_error)
}

fn triage(
    engine: &Engine,
    reader: &mut dyn BufRead,
    out: &mut dyn Write,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<i32, String> {
    let mut batch = Batch::default();
    let mut code = EXIT_OK;
    for line in lines(reader) {
        match line {
            Line::Inquiry { intake, .. } => {
                write_json(out, &engine.triage_intake(*intake, &mut batch, now, zone))?
            }
            Line::Bad { number, error } => {
                code = EXIT_LINE_FAILED;
                write_json(out, &json!({"line": number, "error": error}))?
            }
        }
    }
    Ok(code)
}

fn render(
    engine: &Engine,
    reader: &mut dyn BufRead,
    out: &mut dyn Write,
    template: Option<&str>,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<i32, String> {
    let mut batch = Batch::default();
    let mut code = EXIT_OK;
    for line in lines(reader) {
        let record = match line {
            Line::Inquiry { number, intake, .. } => {
                match engine.render(&intake.inquiry, template, &mut batch, now, zone) {
                    Ok(r) => {
                        let mut record = json!({"id": intake.inquiry.id, "template": r.template, "language": r.language, "text": r.text, "lint": r.lint});
                        if !intake.dropped.is_empty() {
                            record["dropped"] = json!(intake.dropped);
                        }
                        record
                    }
                    Err(e) => {
                        code = EXIT_LINE_FAILED;
                        json!({"line": number, "error": e.to_string()})
                    }
                }
            }
            Line::Bad { number, error } => {
                code = EXIT_LINE_FAILED;
                json!({"line": number, "error": error})
            }
        };
        write_json(out, &record)?;
    }
    Ok(code)
}

/// Counts for one label in `eval`.
#[derive(Debug, Default, Clone, Copy)]
struct LabelCounts {
    total: usize,
    spam: usize,
    suspicious: usize,
    genuine: usize,
}

fn count_verdict(counts: &mut LabelCounts, verdict: Verdict) {
    counts.total += 1;
    match verdict {
        Verdict::Spam => counts.spam += 1,
        Verdict::Suspicious => counts.suspicious += 1,
        Verdict::Genuine => counts.genuine += 1,
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        ((n as f64 / d as f64) * 10_000.0).round() / 10_000.0
    }
}

fn eval(
    engine: &Engine,
    reader: &mut dyn BufRead,
    out: &mut dyn Write,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Result<i32, String> {
    let mut batch = Batch::default();
    let mut code = EXIT_OK;
    let (mut spam, mut genuine) = (LabelCounts::default(), LabelCounts::default());
    let (mut template_cases, mut template_hits, mut errors) = (0usize, 0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    // Spam by kind: a spam line's `note` starts with its kind ("Payment diversion: …").
    let mut by_kind: std::collections::BTreeMap<String, LabelCounts> = Default::default();
    for line in lines(reader) {
        let (number, raw, inquiry) = match line {
            Line::Inquiry {
                number,
                raw,
                intake,
            } => (number, raw, intake.inquiry),
            Line::Bad { number, error } => {
                code = EXIT_LINE_FAILED;
                errors += 1;
                write_json(out, &json!({"line": number, "error": error}))?;
                continue;
            }
        };
        let counts = match raw.get("label").and_then(Value::as_str) {
            Some("spam") => &mut spam,
            Some("genuine") => &mut genuine,
            other => {
                code = EXIT_LINE_FAILED;
                errors += 1;
                let error = format!(
                    "\"label\" must be \"spam\" or \"genuine\", found {}",
                    other.map_or("nothing".to_string(), |o| format!("\"{o}\""))
                );
                write_json(out, &json!({"line": number, "error": error}))?;
                continue;
            }
        };
        let result = engine.triage(&inquiry, &mut batch, now, zone);
        count_verdict(counts, result.assessment.verdict);
        let kind = raw
            .get("note")
            .and_then(Value::as_str)
            .and_then(|note| note.split_once(':'))
            .map(|(kind, _)| kind.trim())
            .filter(|kind| !kind.is_empty() && kind.len() <= 60);
        if let (Some("spam"), Some(kind)) = (raw.get("label").and_then(Value::as_str), kind) {
            count_verdict(
                by_kind.entry(kind.to_string()).or_default(),
                result.assessment.verdict,
            );
        }
        if let Some(expected) = raw.get("template").and_then(Value::as_str) {
            template_cases += 1;
            if expected == result.template {
                template_hits += 1;
            } else if misses.len() < 20 {
                misses.push(format!(
                    "  line {number} {}: expected {expected}, got {}",
                    inquiry.id.as_deref().unwrap_or("-"),
                    result.template
                ));
            }
        }
    }
    let called_spam = spam.spam + genuine.spam;
    let summary = json!({
        "total": spam.total + genuine.total,
        "errors": errors,
        "spam": {"total": spam.total, "calledSpam": spam.spam, "calledSuspicious": spam.suspicious, "calledGenuine": spam.genuine},
        "genuine": {"total": genuine.total, "calledSpam": genuine.spam, "calledSuspicious": genuine.suspicious, "calledGenuine": genuine.genuine},
        "spamPrecision": ratio(spam.spam, called_spam),
        "spamRecall": ratio(spam.spam, spam.total),
        "spamFlagged": ratio(spam.spam + spam.suspicious, spam.total),
        "flaggedPrecision": ratio(spam.spam + spam.suspicious, spam.spam + spam.suspicious + genuine.spam + genuine.suspicious),
        "genuineCalledSpam": ratio(genuine.spam, genuine.total),
        "genuineFlagged": ratio(genuine.spam + genuine.suspicious, genuine.total),
        "templateCases": template_cases,
        "templateTop1": if template_cases == 0 { Value::Null } else { json!(ratio(template_hits, template_cases)) },
        "spamByKind": by_kind.iter().map(|(kind, c)| (kind.clone(), json!({
            "total": c.total, "flagged": c.spam + c.suspicious, "calledSpam": c.spam,
        }))).collect::<serde_json::Map<String, Value>>(),
    });
    let table = format!(
        "label     total   spam  suspicious  genuine\n\
         spam     {:>6} {:>6} {:>11} {:>8}\n\
         genuine  {:>6} {:>6} {:>11} {:>8}\n\
         spam: precision {:.4}  recall {:.4}  flagged {:.4}\n\
         genuine called spam {:.4}  flagged {:.4}\n\
         template top-1 {}",
        spam.total,
        spam.spam,
        spam.suspicious,
        spam.genuine,
        genuine.total,
        genuine.spam,
        genuine.suspicious,
        genuine.genuine,
        ratio(spam.spam, called_spam),
        ratio(spam.spam, spam.total),
        ratio(spam.spam + spam.suspicious, spam.total),
        ratio(genuine.spam, genuine.total),
        ratio(genuine.spam + genuine.suspicious, genuine.total),
        if template_cases == 0 {
            "n/a".to_string()
        } else {
            format!(
                "{:.4} ({template_hits}/{template_cases})",
                ratio(template_hits, template_cases)
            )
        },
    );
    writeln!(out, "{table}").map_err(io_error)?;
    if !by_kind.is_empty() {
        writeln!(out, "spam by kind (flagged, called spam, of total):").map_err(io_error)?;
        for (kind, c) in &by_kind {
            writeln!(
                out,
                "  {kind:<32} {:>3} {:>3} of {:>3}",
                c.spam + c.suspicious,
                c.spam,
                c.total
            )
            .map_err(io_error)?;
        }
    }
    if !misses.is_empty() {
        writeln!(
            out,
            "template misses (first {}):\n{}",
            misses.len(),
            misses.join("\n")
        )
        .map_err(io_error)?;
    }
    write_json(out, &summary)?;
    Ok(code)
}
