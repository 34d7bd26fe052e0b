//! The module graph as ARCHITECTURE.md states it: every module under `src/` has a row in
//! its "Who may use what" table, uses (`crate::x`, `use crate::{x, …}`, `super::super::x`
//! reaching the crate root) only the modules its row lists, and the table itself has no
//! cycle. Test code (`mod tests` blocks and `tests.rs` files) may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level modules of the library: `src/x.rs` and `src/x/`.
fn modules() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(root().join("src")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rust = path.extension().is_some_and(|x| x == "rs");
        if (path.is_dir() || rust) && name != "lib" && name != "main" {
            out.insert(name);
        }
    }
    out
}

/// The table's rows, in order: the modules of the first column and what the second lists.
/// Parenthesised remarks are dropped; "everything above" stands for every module of the
/// rows above; a name like `entities::Kind` stands for its module; names that are not
/// modules (crates) are kept as written.
fn table(text: &str) -> Vec<(Vec<String>, BTreeSet<String>)> {
    let section = text
        .split("## Who may use what")
        .nth(1)
        .expect("ARCHITECTURE.md has a \"Who may use what\" section");
    let section = section.split("\n## ").next().unwrap();
    let mut rows = Vec::new();
    let mut above: BTreeSet<String> = BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 2 || cells[0] == "module" || cells[0].starts_with('-') {
            continue;
        }
        let names = items(cells[0]);
        let mut uses = BTreeSet::new();
        for item in items(cells[1]) {
            if item == "everything above" {
                uses.extend(above.iter().cloned());
            } else if !item.is_empty() {
                uses.insert(item.split("::").next().unwrap().to_owned());
            }
        }
        above.extend(names.iter().cloned());
        rows.push((names, uses));
    }
    rows
}

/// The comma-separated items of a cell, without parenthesised remarks or backquotes.
fn items(cell: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '`' => {}
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain.split(',').map(|s| s.trim().to_owned()).collect()
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// The code of a file without comments and without its `#[cfg(test)] mod … { … }` blocks.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let test_attr = line.starts_with("#[cfg(") && line.contains("test");
        let block = lines
            .peek()
            .is_some_and(|l| l.starts_with("mod ") && l.ends_with('{'));
        if test_attr && block {
            for inner in lines.by_ref() {
                if inner == "}" {
                    break;
                }
            }
            continue;
        }
        out.push_str(line.split("//").next().unwrap());
        out.push('\n');
    }
    out
}

/// The path of the module a file under `src/` is, from the crate root.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root().join("src")).unwrap();
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules `code`, in the module at `path`, names from the crate root.
fn used(code: &str, path: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("crate::") {
        let before = i.checked_sub(1).map(|j| bytes[j] as char);
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(j, _)| j);
            let mut level = 0;
            let mut start = 0;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        out.insert(ident(group[start..j].trim()));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            out.insert(ident(group[start..end].trim()));
        } else {
            out.insert(ident(rest));
        }
    }
    for (i, _) in code.match_indices("super::") {
        let before = i.checked_sub(1).map(|j| bytes[j] as char);
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &code[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            ups += 1;
        }
        // In `a::b`, `super` is `a` and `super::super` the crate root.
        if ups == path.len() {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != &path[0] && m != "self");
    out
}

/// What each top-level module uses, with the files that use it.
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut g: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in sources(&root().join("src")) {
        let path = module_path(&file);
        let test_code = path.iter().any(|p| p == "tests");
        if path.is_empty() || path[0] == "lib" || path[0] == "main" || test_code {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root()).unwrap().display().to_string();
        for m in used(&code(&text), &path) {
            let entry = g.entry(path[0].clone()).or_default();
            entry.entry(m).or_default().insert(shown.clone());
        }
    }
    g
}

#[test]
fn every_module_uses_only_what_the_architecture_table_allows() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let rows = table(&text);
    let all = modules();
    let mut allowed: Graph = BTreeMap::new();
    for (names, uses) in &rows {
        for n in names {
            assert!(
                all.contains(n),
                "the table names `{n}`, which is not a module of src/"
            );
            allowed.insert(n.clone(), uses.clone());
        }
    }
    let missing: Vec<_> = all.iter().filter(|m| !allowed.contains_key(*m)).collect();
    assert!(
        missing.is_empty(),
        "modules without a row in the table: {missing:?}"
    );
    let mut wrong = Vec::new();
    for (module, uses) in graph() {
        for (used, files) in uses {
            if all.contains(&used) && !allowed[&module].contains(&used) {
                let files: Vec<_> = files.into_iter().collect();
                wrong.push(format!("{module} uses {used} ({})", files.join(", ")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "not allowed by ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_architecture_table_has_no_cycle() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let all = modules();
    let mut g: Graph = BTreeMap::new();
    for (names, uses) in table(&text) {
        for n in names {
            g.insert(
                n,
                uses.iter().filter(|u| all.contains(*u)).cloned().collect(),
            );
        }
    }
    // Kahn's algorithm: what cannot be ordered lies on a cycle.
    let mut left = g.clone();
    loop {
        let free: Vec<String> = (left.iter())
            .filter(|(_, uses)| uses.iter().all(|u| !left.contains_key(u)))
            .map(|(m, _)| m.clone())
            .collect();
        if free.is_empty() {
            break;
        }
        for m in free {
            left.remove(&m);
        }
    }
    assert!(left.is_empty(), "modules on a cycle: {:?}", left.keys());
}

#[test]
fn the_checker_reads_uses_as_written() {
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let code = code(
        "use crate::{text::{fold, Span}, corpus};\n\
         // crate::notes in a comment\n\
         let x = crate::files::read();\n\
         use super::super::cache::Cache;\n\
         #[cfg(test)]\nmod tests {\n    use crate::tui;\n}\n",
    );
    let found = used(&code, &path(&["facts", "json"]));
    let expected: BTreeSet<String> = ["text", "corpus", "files", "cache"]
        .map(String::from)
        .into();
    assert_eq!(found, expected);
    let deeper = used(
        "use super::super::decode;",
        &path(&["corpus", "formats", "x"]),
    );
    assert!(deeper.is_empty(), "within corpus: {deeper:?}");
    let rows = table("## Who may use what\n\n| module | may use |\n|---|---|\n| a | (none) |\n| b, c | a (why, and more), `x::Y`, ureq |\n| d | everything above |\n");
    assert_eq!(rows.len(), 3);
    assert!(rows[0].1.is_empty());
    assert_eq!(rows[1].0, ["b", "c"]);
    assert_eq!(rows[1].1, ["a", "x", "ureq"].map(String::from).into());
    assert_eq!(rows[2].1, ["a", "b", "c"].map(String::from).into());
}
