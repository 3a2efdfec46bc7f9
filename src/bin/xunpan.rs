//! `xunpan`: the command-line face of the engine. See [`xunpan::cli`].

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = xunpan::cli::run(&args, &mut input, &mut out, &mut std::io::stderr());
    if let Err(e) = std::io::Write::flush(&mut out) {
        eprintln!("xunpan: cannot write output: {e}");
        std::process::exit(xunpan::cli::EXIT_USAGE);
    }
    std::process::exit(code);
}

/// The command-line tool is native only; the wasm build has the engine's exports instead.
#[cfg(target_arch = "wasm32")]
fn main() {}
