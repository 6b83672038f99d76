//! `cargo xtask`: build, serve and test Activation Playground from two commands.

fn main() {
    eprintln!("usage: cargo xtask <serve|test>");
    std::process::exit(2);
}
