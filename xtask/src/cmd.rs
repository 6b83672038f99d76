//! Running child processes with a visible command line and a clear error.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Prints a progress line: what is about to happen.
pub fn step(message: &str) {
    println!("==> {message}");
}

/// A command line as a person would type it, for progress lines and errors.
pub fn display(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs `command` in `dir`, inheriting the terminal; an error says which command failed and how.
pub fn run(command: &mut Command, dir: &Path) -> Result<(), String> {
    let shown = display(command);
    println!("    $ {shown}");
    let status = command
        .current_dir(dir)
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `command`, echoing its standard output line by line and also returning it.
pub fn run_capturing(command: &mut Command, dir: &Path) -> Result<String, String> {
    let shown = display(command);
    println!("    $ {shown}");
    let mut child = command
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let mut captured = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.map_err(|e| format!("reading the output of `{shown}`: {e}"))?;
            println!("{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{shown}`: {e}"))?;
    if status.success() {
        Ok(captured)
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The trimmed standard output of a command that is only asked a question (a version, a path).
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
