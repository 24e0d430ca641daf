//! Running the `juwei` binary from integration tests.
// each test crate uses its own subset of these
#![allow(dead_code)]

#[cfg(feature = "server")]
pub mod chain;
#[cfg(feature = "server")]
pub mod load;
#[cfg(feature = "server")]
pub mod server;

use std::process::{Command, Output};

/// Run `juwei` with `args` in the package folder (so `plans/…` paths work).
pub fn juwei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("juwei runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 on stdout")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 on stderr")
}
