//! One fuzz target for every way outside text reaches the engine. The first byte picks
//! the door, the rest is the input:
//! - 0: `xunpan triage` reading the bytes as JSON Lines (the tool must answer every
//!   line with a result or an error record and never crash);
//! - 1: `xunpan render` the same way (template rendering);
//! - 2: a buyer's display name (given-name extraction);
//! - 3: a settings document being imported;
//! - 4: a reply the rep typed, linted against a fixed inquiry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xunpan::core::engine::Engine;
use xunpan::core::reply::names::given_name_from;
use xunpan::core::settings::Settings;

const NOW: &str = "2026-11-23T08:00:00Z";

fn tool(command: &str, input: &[u8]) {
    let args: Vec<String> = [command, "--now", NOW, "--tz", "+08:00"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut stdin = std::io::Cursor::new(input.to_vec());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = xunpan::cli::run(&args, &mut stdin, &mut out, &mut err);
    assert!(matches!(status, 0 | 1), "exit status {status}: {}", String::from_utf8_lossy(&err));
    // Every line that is not blank gets its record (a line that is not UTF-8 included).
    let lines = input
        .split(|b| *b == b'\n')
        .filter(|l| std::str::from_utf8(l).map_or(true, |t| !t.trim().is_empty()))
        .count();
    let answered = out.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
    assert_eq!(answered, lines, "one record per input line");
}

fuzz_target!(|data: &[u8]| {
    let Some((&door, input)) = data.split_first() else { return };
    match door % 5 {
        0 => tool("triage", input),
        1 => tool("render", input),
        2 => {
            if let Some(name) = given_name_from(&String::from_utf8_lossy(input)) {
                assert!(!name.trim().is_empty(), "an empty given name");
            }
        }
        3 => {
            if let Ok(settings) = Settings::from_json(&String::from_utf8_lossy(input)) {
                let _ = Engine::new(settings);
            }
        }
        _ => {
            if let Ok(engine) = Engine::new(Settings::default()) {
                let _ = engine.lint(&String::from_utf8_lossy(input), None);
            }
        }
    }
});
