//! The schemas as an editor uses them: the real YAML language server (the
//! one behind VS Code's YAML extension) is driven over stdio with the
//! content's files, and must offer every key and underline a misspelt
//! key, a wrong type and a bad NIP as they are typed.
//!
//! The server is an npm package: `.ci/run` installs it when absent. Without
//! it the test says so and passes, unless `BUKUSOP_LSP_WAJIB` is set.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{copy_content, root};

/// The server's command: `BUKUSOP_YAML_LS`, else on the PATH, else where
/// `.ci/run` installs it.
fn server() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BUKUSOP_YAML_LS") {
        return Some(p.into());
    }
    let on_path = Command::new("yaml-language-server")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        return Some("yaml-language-server".into());
    }
    let home = std::env::var_os("HOME")?;
    let cached = Path::new(&home).join(".cache/bukusop-npm/node_modules/.bin/yaml-language-server");
    cached.exists().then_some(cached)
}

/// A language server over stdio: requests out, messages in.
struct Lsp {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    next: u64,
}

impl Lsp {
    fn start(cmd: &Path, root_uri: &str) -> Lsp {
        let mut child = Command::new(cmd)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("yaml-language-server starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, inbox) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                if out.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut lsp = Lsp {
            child,
            stdin,
            inbox,
            next: 1,
        };
        lsp.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
        );
        lsp.notify("initialized", json!({}));
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"yaml": {"validate": true, "completion": true, "schemaStore": {"enable": false}}}}),
        );
        lsp
    }

    fn send(&mut self, m: Value) {
        let body = m.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message `wanted` accepts, answering the server's own
    /// requests on the way (configuration: validate and complete).
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            let Ok(m) = self.inbox.recv_timeout(Duration::from_millis(200)) else {
                continue;
            };
            if let (Some(id), Some(method)) = (m.get("id"), m["method"].as_str()) {
                let result = match method {
                    "workspace/configuration" => {
                        let n = m["params"]["items"].as_array().map_or(1, Vec::len);
                        json!(vec![json!({"validate": true, "completion": true}); n])
                    }
                    _ => Value::Null,
                };
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if wanted(&m) {
                return m;
            }
        }
        panic!("yaml-language-server did not answer in 30 s");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())["result"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    /// The first non-empty diagnostics of `uri`: (line, message).
    fn diagnostics(&mut self, uri: &str) -> Vec<(u64, String)> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        });
        m["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["range"]["start"]["line"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// What the server offers at the start of line `line`.
    fn completion(&mut self, uri: &str, line: u64) -> Vec<String> {
        let r = self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}),
        );
        let items = r.get("items").unwrap_or(&r);
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// The keys a schema of `content/schema/` names at its top.
fn keys(schema: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("content/schema").join(schema)).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut k: Vec<String> = v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    k.sort();
    k
}

#[cfg(unix)]
#[test]
fn the_yaml_language_server_completes_every_key_and_underlines_mistakes() {
    let Some(cmd) = server() else {
        assert!(
            std::env::var_os("BUKUSOP_LSP_WAJIB").is_none(),
            "yaml-language-server is not installed (npm install yaml-language-server)"
        );
        eprintln!("yaml-language-server is not installed: the schemas were not tried in it");
        return;
    };
    let dir = copy_content(&root().join("content"));
    let d = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&cmd, &uri(&d));

    // A misspelt key, a wrong type and a bad NIP, each on its line.
    let buku = std::fs::read_to_string(d.join("buku.yaml")).unwrap();
    let line = |needle: &str| buku.lines().position(|l| l.contains(needle)).unwrap() as u64;
    let (tahun, kertas, nip) = (line("tahun: "), line("kertas: "), line("nip: "));
    let broken = buku
        .replacen("tahun: ", "tahn: ", 1)
        .replacen("kertas: A4", "kertas: 5", 1)
        .replacen("nip: \"199212032015032002\"", "nip: \"1992120\"", 1);
    let file = uri(&d.join("buku.yaml"));
    lsp.open(&file, &broken);
    let found = lsp.diagnostics(&file);
    let at = |n: u64, words: &str| found.iter().any(|(l, m)| *l == n && m.contains(words));
    assert!(at(tahun, "tahn is not allowed"), "{found:?}");
    assert!(at(kertas, "Incorrect type"), "{found:?}");
    assert!(
        at(nip, "NIP terdiri dari 18 angka (boleh dengan spasi)"),
        "{found:?}"
    );

    // Every key of each file offered on an empty line.
    for (name, schema) in [
        ("baru.yaml", "buku.schema.json"),
        ("sop/99-baru.yaml", "sop.schema.json"),
    ] {
        let path = d.join(name);
        let up = if name.starts_with("sop/") { "../" } else { "" };
        let text = format!("# yaml-language-server: $schema={up}schema/{schema}\n\n");
        let file = uri(&path);
        lsp.open(&file, &text);
        let offered = lsp.completion(&file, 1);
        let missing: Vec<String> = keys(schema)
            .into_iter()
            .filter(|k| !offered.contains(k))
            .collect();
        assert!(
            missing.is_empty(),
            "{schema}: not offered {missing:?} of {offered:?}"
        );
    }
}
