//! The import graph of `src/` points one way (issue 18, item 8; DESIGN §2): no circles between
//! modules, nothing below the front ends (`tui`, `cli`) reaches up into them, the app never
//! reaches into the command line, and only the front ends name a terminal crate (so `config`
//! holds settings, not terminal types).
//!
//! It reads every `src/**/*.rs` as text (comments and literals blanked), collects each path that
//! starts with `crate::`, `super::` or `self::` (grouped `use` trees included), and places each
//! where two sibling modules meet: `crate::cli::EXIT_USAGE` used in `src/tui/event_loop.rs` is an
//! arrow `tui -> cli` between the top-level modules; `super::form_view` in `src/tui/log/view.rs`
//! is an arrow `view -> form_view` inside `tui::log`. The arrows between the children of each
//! folder must not make a circle. A folder is one module from outside, and its files may use
//! what their parent holds; an item re-exported by a parent (`super::Theme`) counts as the
//! parent's, so a circle through a re-export is not seen. Test code (`#[cfg(test)]`) is left out
//! of the arrows, since a test may check that two layers agree; the terminal crates are looked
//! for in tests too.
//!
//! What is wrong today and being removed is listed in `KNOWN_CIRCLES` and `KNOWN_ARROWS`, each
//! with who removes it. The lists must shrink: an entry that is no longer true fails the test
//! until it is deleted, so a fixed circle cannot come back unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Circles between sibling modules known today: the members of each, as `folder::{a, b}`.
const KNOWN_CIRCLES: &[&str] = &[];

/// Arrows against the layering known today, as `rule: from -> to`.
const KNOWN_ARROWS: &[&str] = &[];

/// The front ends: the only modules that may use `tui` or `cli`, and name a terminal crate.
const FRONT_ENDS: [&str; 2] = ["tui", "cli"];

/// Crates that know about terminals.
const TERMINAL_CRATES: [&str; 3] = ["ratatui", "crossterm", "ratatui_textarea"];

/// Where a path was written: file, line, and the path as written.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
    path: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} `{}`", self.file, self.line, self.path)
    }
}

/// One use of a path in the crate: the module it is written in, the module it lands in.
#[derive(Debug)]
struct Reference {
    from: Vec<String>,
    to: Vec<String>,
    place: Place,
}

/// What the source says: references between modules and names of terminal crates.
struct Graph {
    references: Vec<Reference>,
    terminal: Vec<(Vec<String>, Place)>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file is by its place: `src/tui/help/mod.rs` is `tui::help`.
fn module_by_place(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The text with comments, strings and character literals blanked (newlines kept), so that a
/// path in a doc comment or a message is not an import.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && matches!(next, Some('#' | '"'))
            && (i == 0 || !ident(c[i - 1]) || (c[i - 1] == 'b' && (i < 2 || !ident(c[i - 2]))))
            && c[i + 1..].iter().find(|&&h| h != '#') == Some(&'"')
        {
            let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
            out.push(' ');
            i += 1 + hashes + 1;
            out.push_str(&" ".repeat(hashes + 1));
            while i < c.len() {
                if c[i] == '"'
                    && c[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes
                {
                    out.push_str(&" ".repeat(hashes + 1));
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' && (next == Some('\\') || c.get(i + 2) == Some(&'\'')) {
            // A character literal ('a', '\n', '\u{1F600}'); a lifetime has no closing quote.
            out.push(' ');
            i += 1;
            if c.get(i) == Some(&'\\') {
                out.push(' ');
                i += 2;
                out.push(' ');
            }
            while i < c.len() && c[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Identifiers, `::` and single punctuation, each with its line.
type Tokens = Vec<(String, usize)>;

/// The tokens of code (after [`code_only`]).
fn tokens(code: &str) -> Tokens {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((c[start..i].iter().collect(), line));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(("::".to_owned(), line));
            i += 2;
        } else {
            out.push((ch.to_string(), line));
            i += 1;
        }
    }
    out
}

fn is_ident(t: &str) -> bool {
    t.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

/// Reads a `use` tree or a path from token `i` on (just after `prefix::`): every full path in
/// it, `self` in a group meaning the group's own path. Returns the token after it.
fn tree(
    t: &[(String, usize)],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<Vec<String>>,
) -> usize {
    let tok = |i: usize| t.get(i).map_or("", |(s, _)| s.as_str());
    match tok(i) {
        "{" => {
            i += 1;
            while i < t.len() && tok(i) != "}" {
                i = tree(t, i, prefix, out);
                // Past `as name` to the next item.
                while i < t.len() && tok(i) != "," && tok(i) != "}" {
                    i += 1;
                }
                if tok(i) == "," {
                    i += 1;
                }
            }
            i + 1
        }
        "*" => {
            out.push(prefix.to_vec());
            i + 1
        }
        s if is_ident(s) => {
            let mut path = prefix.to_vec();
            if s != "self" {
                path.push(s.to_owned());
            }
            if tok(i + 1) == "::" && (is_ident(tok(i + 2)) || matches!(tok(i + 2), "{" | "*")) {
                tree(t, i + 2, &path, out)
            } else {
                out.push(path);
                i + 1
            }
        }
        _ => {
            out.push(prefix.to_vec());
            i
        }
    }
}

/// `#[path = "x.rs"] mod name;` in a file: (the file it names, the module name).
fn path_attributes(text: &str, dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[path = \"") {
        rest = &rest[at + 10..];
        let Some(end) = rest.find('"') else { break };
        let file = dir.join(&rest[..end]);
        let after = &rest[end..];
        if let Some(m) = after.find("mod ") {
            let name: String = after[m + 4..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push((file, name));
        }
    }
    out
}

/// The token after the item starting at `i`: after its `;`, or after the `}` that closes its
/// first `{`. Attributes before it are part of it.
fn item_end(t: &[(String, usize)], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < t.len() {
        match t[i].0.as_str() {
            "[" | "(" => depth += 1,
            "]" | ")" => depth = depth.saturating_sub(1),
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            ";" if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Whether `#[cfg(test)]` starts at token `i`.
fn cfg_test_at(t: &[(String, usize)], i: usize) -> bool {
    let want = ["#", "[", "cfg", "(", "test", ")", "]"];
    want.iter()
        .enumerate()
        .all(|(k, w)| t.get(i + k).is_some_and(|(s, _)| s == w))
}

/// After `#[cfg(test)]` at `i`: the name of a `mod name;` it declares, if it does.
fn test_module_declared(t: &[(String, usize)], i: usize) -> Option<String> {
    let tok = |i: usize| t.get(i).map_or("", |(s, _)| s.as_str());
    let mut j = i + 7;
    // Other attributes (`#[path = "…"]`) and `pub`.
    while tok(j) == "#" || tok(j) == "pub" {
        j = if tok(j) == "pub" {
            j + 1
        } else {
            attribute_end(t, j)
        };
    }
    (tok(j) == "mod" && is_ident(tok(j + 1)) && tok(j + 2) == ";").then(|| tok(j + 1).to_owned())
}

/// The token after the attribute `#[…]` starting at `i`.
fn attribute_end(t: &[(String, usize)], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < t.len() {
        match t[i].0.as_str() {
            "[" => depth += 1,
            "]" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The source: every file under `src/` but the binary's entry point (it uses the library by
/// its name, from outside), each with its module, its tokens and its name as shown.
struct Source {
    files: Vec<(String, Vec<String>, Tokens)>,
    modules: BTreeSet<Vec<String>>,
    /// Modules declared `#[cfg(test)]`: tests, not part of what ships.
    test_modules: BTreeSet<Vec<String>>,
}

fn read_source() -> Source {
    let root = src();
    let mut paths = Vec::new();
    rust_files(&root, &mut paths);
    paths.retain(|f| f != &root.join("main.rs"));
    let mut module_of: BTreeMap<PathBuf, Vec<String>> = paths
        .iter()
        .map(|f| (f.clone(), module_by_place(f.strip_prefix(&root).unwrap())))
        .collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut test_modules = BTreeSet::new();
    for (f, text) in paths.iter().zip(&texts) {
        let owner = module_of[f].clone();
        // A `#[path]` in `src/a/b.rs` is relative to `src/a/`, as in `src/a/mod.rs`.
        let dir = f.parent().unwrap();
        for (file, name) in path_attributes(text, dir) {
            let mut module = owner.clone();
            module.push(name);
            module_of.insert(file, module);
        }
        let t = tokens(&code_only(text));
        for i in 0..t.len() {
            if cfg_test_at(&t, i)
                && let Some(name) = test_module_declared(&t, i)
            {
                let mut module = owner.clone();
                module.push(name);
                test_modules.insert(module);
            }
        }
    }
    let files = paths
        .iter()
        .zip(&texts)
        .map(|(f, text)| {
            (
                format!("src/{}", f.strip_prefix(&root).unwrap().display()),
                module_of[f].clone(),
                tokens(&code_only(text)),
            )
        })
        .collect();
    Source {
        files,
        modules: module_of.values().cloned().collect(),
        test_modules,
    }
}

/// The graph of `src/`, read once for all the tests here.
fn graph() -> &'static Graph {
    static GRAPH: std::sync::OnceLock<Graph> = std::sync::OnceLock::new();
    GRAPH.get_or_init(read_graph)
}

fn read_graph() -> Graph {
    let source = read_source();
    let mut graph = Graph {
        references: Vec::new(),
        terminal: Vec::new(),
    };
    for (rel, module, t) in &source.files {
        let tok = |i: usize| t.get(i).map_or("", |(s, _)| s.as_str());
        let starts_path =
            |i: usize| tok(i + 1) == "::" && i.checked_sub(1).is_none_or(|p| tok(p) != "::");
        // Terminal crates: in tests as well.
        for (i, (name, line)) in t.iter().enumerate() {
            if starts_path(i) && TERMINAL_CRATES.contains(&name.as_str()) {
                graph.terminal.push((
                    module.clone(),
                    Place {
                        file: rel.clone(),
                        line: *line,
                        path: format!("{name}::{}", tok(i + 2)),
                    },
                ));
            }
        }
        let is_test = (1..=module.len()).any(|n| source.test_modules.contains(&module[..n]));
        if is_test {
            continue;
        }
        // Inline modules (`mod name { … }`): their names and the depth they opened at.
        let mut inline: Vec<(String, usize)> = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while i < t.len() {
            let s = tok(i);
            if cfg_test_at(t, i) {
                // A test item (`#[cfg(test)] mod tests { … }`, a test helper): not shipped.
                i = item_end(t, i + 7);
            } else if s == "mod" && is_ident(tok(i + 1)) && tok(i + 2) == "{" {
                inline.push((tok(i + 1).to_owned(), depth + 1));
                depth += 1;
                i += 3;
            } else if s == "{" {
                depth += 1;
                i += 1;
            } else if s == "}" {
                inline.retain(|(_, d)| *d < depth);
                depth = depth.saturating_sub(1);
                i += 1;
            } else if starts_path(i) && matches!(s, "crate" | "super" | "self") {
                let line = t[i].1;
                let mut here: Vec<String> = module.clone();
                here.extend(inline.iter().map(|(n, _)| n.clone()));
                let mut j = i;
                let base = match s {
                    "crate" => {
                        j += 2;
                        Vec::new()
                    }
                    "self" => {
                        j += 2;
                        here
                    }
                    _ => {
                        while tok(j) == "super" && tok(j + 1) == "::" {
                            here.pop();
                            j += 2;
                        }
                        here
                    }
                };
                let mut paths = Vec::new();
                let end = tree(t, j, &base, &mut paths);
                let written: String = t[i..end.min(t.len())]
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join("")
                    .replace(',', ", ")
                    .replace(", }", "}");
                for path in paths {
                    // The module it lands in: the longest prefix that is a module.
                    let to = (0..=path.len())
                        .rev()
                        .map(|n| path[..n].to_vec())
                        .find(|p| source.modules.contains(p))
                        .unwrap_or_default();
                    graph.references.push(Reference {
                        from: module.clone(),
                        to,
                        place: Place {
                            file: rel.clone(),
                            line,
                            path: written.clone(),
                        },
                    });
                }
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
    }
    graph
}

/// Arrows between siblings, per folder: a reference from `a::b::x` to `a::c::y` is the arrow
/// `b -> c` in folder `a`. Folder `[]` is the crate's top level.
type Arrows = BTreeMap<Vec<String>, BTreeMap<(String, String), Vec<Place>>>;

fn sibling_arrows(graph: &Graph) -> Arrows {
    let mut arrows: Arrows = BTreeMap::new();
    for r in &graph.references {
        let common = r.from.iter().zip(&r.to).take_while(|(a, b)| a == b).count();
        if r.from.len() > common && r.to.len() > common {
            arrows
                .entry(r.from[..common].to_vec())
                .or_default()
                .entry((r.from[common].clone(), r.to[common].clone()))
                .or_default()
                .push(r.place.clone());
        }
    }
    arrows
}

fn folder_name(folder: &[String]) -> String {
    if folder.is_empty() {
        "crate".to_owned()
    } else {
        folder.join("::")
    }
}

/// The strongly connected groups of more than one module (Tarjan), members sorted.
fn circles(arrows: &BTreeMap<(String, String), Vec<Place>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = arrows.keys().flat_map(|(a, b)| [a, b]).collect();
    let nodes: Vec<&String> = nodes.into_iter().collect();
    let index_of = |n: &String| nodes.iter().position(|m| *m == n).unwrap();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (a, b) in arrows.keys() {
        next[index_of(a)].push(index_of(b));
    }
    struct Tarjan<'a> {
        next: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        groups: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.counter);
            self.low[v] = self.counter;
            self.counter += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in &self.next[v].clone() {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                self.groups.push(group);
            }
        }
    }
    let mut t = Tarjan {
        next: &next,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        counter: 0,
        groups: Vec::new(),
    };
    for v in 0..nodes.len() {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    let mut out: Vec<Vec<String>> = t
        .groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let mut names: Vec<String> = g.into_iter().map(|v| nodes[v].clone()).collect();
            names.sort();
            names
        })
        .collect();
    out.sort();
    out
}

/// One way round a circle, from its first member back to it, each arrow with where it is
/// written.
fn one_way_round(members: &[String], arrows: &BTreeMap<(String, String), Vec<Place>>) -> String {
    let start = &members[0];
    // Breadth first from `start` inside the group, until an arrow leads back to it.
    let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = vec![start];
    let mut last = None;
    'search: while !queue.is_empty() {
        let mut following = Vec::new();
        for a in queue {
            for (x, b) in arrows.keys() {
                if x != a || !members.contains(b) {
                    continue;
                }
                if b == start {
                    last = Some(a);
                    break 'search;
                }
                if !came_from.contains_key(b) {
                    came_from.insert(b, a);
                    following.push(b);
                }
            }
        }
        queue = following;
    }
    let mut chain = Vec::new();
    let mut at = last.unwrap_or(start);
    while at != start {
        chain.push(at);
        at = came_from[at];
    }
    chain.reverse();
    let mut path = vec![start];
    path.extend(chain);
    path.push(start);
    path.windows(2)
        .map(|w| {
            let places = &arrows[&(w[0].clone(), w[1].clone())];
            format!("  {} -> {}  ({})", w[0], w[1], places[0])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every circle between sibling modules, named `folder::{a, b}`, with one way round it.
fn all_circles(graph: &Graph) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (folder, arrows) in sibling_arrows(graph) {
        for members in circles(&arrows) {
            let name = format!("{}::{{{}}}", folder_name(&folder), members.join(", "));
            out.insert(name, one_way_round(&members, &arrows));
        }
    }
    out
}

/// Every arrow against the layering rules, named `rule: from -> to`, with where it is written.
fn wrong_arrows(graph: &Graph) -> BTreeMap<String, Vec<Place>> {
    let mut out: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for r in &graph.references {
        let (Some(from), Some(to)) = (r.from.first(), r.to.first()) else {
            continue;
        };
        let rule = if !FRONT_ENDS.contains(&from.as_str()) && FRONT_ENDS.contains(&to.as_str()) {
            "nothing below the front ends uses them"
        } else if from == "tui" && to == "cli" {
            "the app never uses the command line"
        } else {
            continue;
        };
        out.entry(format!("{rule}: {from} -> {to}"))
            .or_default()
            .push(r.place.clone());
    }
    for (module, place) in &graph.terminal {
        let from = module.first().map_or("crate", String::as_str);
        if !FRONT_ENDS.contains(&from) {
            let krate = place.path.split("::").next().unwrap_or_default();
            out.entry(format!(
                "only the front ends know terminals: {from} -> {krate}"
            ))
            .or_default()
            .push(place.clone());
        }
    }
    out
}

/// What is found against what is known: new problems and known ones that are gone.
fn compare<T>(
    found: &BTreeMap<String, T>,
    known: &[&str],
    show: impl Fn(&T) -> String,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, detail) in found {
        if !known.contains(&name.as_str()) {
            problems.push(format!("{name}\n{}", show(detail)));
        }
    }
    for name in known {
        if !found.contains_key(*name) {
            problems.push(format!(
                "`{name}` is listed as known but is no longer there: delete it from the list"
            ));
        }
    }
    problems
}

#[test]
fn no_circles_between_modules() {
    let found = all_circles(graph());
    let problems = compare(&found, KNOWN_CIRCLES, String::clone);
    assert!(
        problems.is_empty(),
        "import circles (an arrow points back up; move what both sides need down a layer):\n\n{}",
        problems.join("\n\n")
    );
}

#[test]
fn arrows_point_down_from_the_front_ends() {
    let found = wrong_arrows(graph());
    let problems = compare(&found, KNOWN_ARROWS, |places: &Vec<Place>| {
        places
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        problems.is_empty(),
        "arrows against the layers (tui and cli on top; nothing below them uses them or a \
         terminal crate; tui never uses cli):\n\n{}",
        problems.join("\n\n")
    );
}

/// The reader itself, on text written for it: each rule's case beside its nearest miss.
#[test]
fn the_reader_finds_paths_in_code_and_not_in_comments_or_strings() {
    let text = "//! See [`crate::cli`].\n\
                use crate::{config::{self, keys::Key}, flags::Level as L};\n\
                use super::super::view::draw;\n\
                fn f() { let s = \"crate::tui::App\"; let c = '\"'; /* crate::cli */ }\n\
                mod tests { use super::Thing; fn g<'a>(x: &'a str) { crate::report::write(x); } }\n\
                const R: &str = r#\"crate::store \"quoted\"\"#;\n\
                fn h() -> ratatui::style::Color { self::inner::x() }\n";
    let t = tokens(&code_only(text));
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i].0 == "crate" && t.get(i + 1).is_some_and(|(s, _)| s == "::") {
            let mut paths = Vec::new();
            i = tree(&t, i + 2, &[], &mut paths);
            found.extend(paths.into_iter().map(|p| (p.join("::"), t[i - 1].1)));
        } else {
            i += 1;
        }
    }
    let found: Vec<(String, usize)> = found;
    assert_eq!(
        found,
        [
            ("config".to_owned(), 2),
            ("config::keys::Key".to_owned(), 2),
            ("flags::Level".to_owned(), 2),
            ("report::write".to_owned(), 5),
        ]
    );
    let code = code_only(text);
    assert!(code.contains("ratatui::style::Color"), "code stays");
    assert!(!code.contains("crate::store"), "raw strings are blanked");
    assert_eq!(code.lines().count(), text.lines().count(), "lines are kept");
    // `#[path]` modules are placed where they are declared.
    let decl = "#[cfg(test)]\n#[path = \"adapt_tests.rs\"]\nmod tests;\n";
    assert_eq!(
        path_attributes(decl, Path::new("src/routine")),
        [(
            PathBuf::from("src/routine/adapt_tests.rs"),
            "tests".to_owned()
        )]
    );
}

/// The graph is read at all: the arrows everyone knows are there.
#[test]
fn the_graph_has_the_arrows_everyone_knows() {
    let arrows = sibling_arrows(graph());
    let top = &arrows[&Vec::new()];
    for (from, to) in [("tui", "flags"), ("cli", "symptoms"), ("config", "routine")] {
        assert!(
            top.contains_key(&(from.to_owned(), to.to_owned())),
            "{from} -> {to}"
        );
    }
    assert!(
        !top.contains_key(&("flags".to_owned(), "tui".to_owned())),
        "the nearest miss: the rules know nothing of the app"
    );
}

fn place() -> Place {
    Place {
        file: "src/x.rs".into(),
        line: 1,
        path: "crate::x".into(),
    }
}

fn module(path: &str) -> Vec<String> {
    path.split("::").map(str::to_owned).collect()
}

/// Each rule beside its nearest miss, on a graph written for it.
#[test]
fn each_rule_fires_and_its_nearest_miss_does_not() {
    let reference = |from: &str, to: &str| Reference {
        from: module(from),
        to: module(to),
        place: place(),
    };
    let graph = Graph {
        references: vec![
            reference("flags::eval", "tui::theme"), // fires
            reference("tui::log", "flags"),         // the miss: down is fine
            reference("config", "cli"),             // fires
            reference("cli", "tui"),                // the miss: the command line starts the app
            reference("tui::event_loop", "cli"),    // fires
        ],
        terminal: vec![
            (
                module("config::palette"),
                Place {
                    path: "ratatui::style".into(),
                    ..place()
                },
            ),
            (
                module("tui::theme"),
                Place {
                    path: "ratatui::style".into(),
                    ..place()
                },
            ),
            (
                module("cli"),
                Place {
                    path: "crossterm::tty".into(),
                    ..place()
                },
            ),
        ],
    };
    let found: Vec<String> = wrong_arrows(&graph).into_keys().collect();
    assert_eq!(
        found,
        [
            "nothing below the front ends uses them: config -> cli",
            "nothing below the front ends uses them: flags -> tui",
            "only the front ends know terminals: config -> ratatui",
            "the app never uses the command line: tui -> cli",
        ]
    );
    // A circle between siblings is found, named by its members; a chain is not a circle.
    let arrows = |pairs: &[(&str, &str)]| -> BTreeMap<(String, String), Vec<Place>> {
        pairs
            .iter()
            .map(|(a, b)| (((*a).to_owned(), (*b).to_owned()), vec![place()]))
            .collect()
    };
    let circle = arrows(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    assert_eq!(circles(&circle), [["a", "b", "c"]]);
    assert_eq!(
        one_way_round(&["a".into(), "b".into(), "c".into()], &circle)
            .lines()
            .map(|l| l.split("  (").next().unwrap().trim())
            .collect::<Vec<_>>(),
        ["a -> b", "b -> c", "c -> a"]
    );
    assert!(circles(&arrows(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    // A known problem that is gone is a failure too, so the lists only shrink.
    let found: BTreeMap<String, ()> = [("x::{a, b}".to_owned(), ())].into();
    assert!(compare(&found, &["x::{a, b}"], |_| String::new()).is_empty());
    assert_eq!(compare(&found, &[], |_| String::new()).len(), 1);
    assert!(
        compare(&BTreeMap::<String, ()>::new(), &["x::{a, b}"], |_| {
            String::new()
        })[0]
            .contains("no longer there")
    );
}
