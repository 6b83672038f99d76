//! A small static file server for `www/`, bound to 127.0.0.1, with correct MIME types and no caching.

use crate::{setup, web};
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

/// `cargo xtask serve`: build the page, then serve it until interrupted.
pub fn run(port: u16) -> Result<(), String> {
    let root = crate::root();
    let listener = bind(port)?;
    let tools = setup::web_tools(&root)?;
    web::build(&root, &tools)?;
    println!(
        "\nServing {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        root.join("www").display()
    );
    serve(listener, root.join("www"));
    Ok(())
}

/// Binds 127.0.0.1:`port` (0 picks a free port), with a clear message when the port is taken.
pub fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "port {port} on 127.0.0.1 is already in use (another server?): stop it, or choose another with \
                 `cargo xtask serve --port {}`",
                port.wrapping_add(1).max(1024)
            )
        } else {
            format!("cannot listen on 127.0.0.1:{port}: {e}")
        }
    })
}

/// Serves `dir` on `listener` in a background thread; returns the port and the thread.
pub fn spawn(listener: TcpListener, dir: PathBuf) -> Result<(u16, JoinHandle<()>), String> {
    let port = listener
        .local_addr()
        .map_err(|e| format!("reading the server's address: {e}"))?
        .port();
    Ok((port, std::thread::spawn(move || serve(listener, dir))))
}

/// How many requests are answered at once (a page load fetches html, css, several modules and the wasm).
const WORKERS: usize = 4;

fn serve(listener: TcpListener, dir: PathBuf) {
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(server) => std::sync::Arc::new(server),
        Err(e) => {
            eprintln!("xtask: the file server could not start: {e}");
            return;
        }
    };
    let workers: Vec<JoinHandle<()>> = (0..WORKERS)
        .map(|_| {
            let (server, dir) = (server.clone(), dir.clone());
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    let response = respond(&dir, request.url());
                    // A client that hung up mid-response is not our problem.
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII constants")
}

fn respond(dir: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let not_found = |why: &str| {
        tiny_http::Response::from_string(why.to_string())
            .with_status_code(404)
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
    };
    let Some(relative) = safe_path(url) else {
        return not_found("not found");
    };
    let mut path = dir.join(relative);
    if path.is_dir() {
        path = path.join("index.html");
    }
    match std::fs::read(&path) {
        Ok(bytes) => tiny_http::Response::from_data(bytes)
            .with_header(header("Content-Type", mime(&path)))
            .with_header(header("Cache-Control", "no-cache"))
            .with_header(header("X-Content-Type-Options", "nosniff")),
        Err(_) => not_found("not found"),
    }
}

/// The path below the served folder that `url` names, or `None` for anything that climbs out of it.
fn safe_path(url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut out = PathBuf::new();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out() {
        assert_eq!(safe_path("/index.html"), Some(PathBuf::from("index.html")));
        assert_eq!(
            safe_path("/pkg/a.wasm?v=1"),
            Some(PathBuf::from("pkg/a.wasm"))
        );
        assert_eq!(safe_path("/"), Some(PathBuf::new()));
        assert_eq!(safe_path("/../Cargo.toml"), None);
        assert_eq!(safe_path("/pkg/../../etc/passwd"), None);
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(mime(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("main.js")), "text/javascript; charset=utf-8");
    }

    #[test]
    fn a_taken_port_is_explained() {
        let first = bind(0).unwrap();
        let port = first.local_addr().unwrap().port();
        let message = bind(port).unwrap_err();
        assert!(message.contains("already in use"), "{message}");
        assert!(message.contains("--port"), "{message}");
    }
}
