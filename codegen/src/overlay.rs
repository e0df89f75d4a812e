//! OpenAPI Overlay 1.0.0 documents: one month's changes to the spec, as JSONPath-targeted actions.
//!
//! An overlay is a list of actions applied in order. Each action's `target` is an RFC 9535
//! JSONPath (evaluated by `serde_json_path`) and either `update`s or `remove`s every node it
//! selects:
//!
//! - `update` on an object merges the value's properties into it, recursively for objects; any
//!   other value (a string, a number, an array) replaces the one there.
//! - `update` on an array appends the value as one new element.
//! - `remove: true` deletes each selected node from its parent.
//!
//! Unlike a lenient overlay tool, a target that selects nothing is an error, never a silent
//! no-op: an overlay whose target went stale would otherwise quietly stop applying.
//!
//! Besides the standard fields, our overlays carry `x-linkedin-changes`: what LinkedIn changed in
//! that month, each with its source and whether the documentation confirms it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json_path::JsonPath;

use crate::diag::{Ptr, Result};

/// One month's change file, parsed and validated.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The file it was read from (for diagnostics).
    pub file: PathBuf,
    /// The month it describes (`info.version`), `YYYYMM`.
    pub month: String,
    /// What LinkedIn changed that month, with sources.
    pub changes: Vec<ChangeNote>,
    /// The actions, in the order they apply.
    pub actions: Vec<Action>,
}

/// A documented change of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeNote {
    /// What changed, in one sentence.
    pub change: String,
    /// Where LinkedIn documents it (a URL), or which secondary source says so.
    pub source: String,
    /// Whether LinkedIn's documentation confirms it.
    #[serde(default)]
    pub confidence: Confidence,
    /// The operations (`posts.create`), types (`Campaign`) or fields (`Campaign.politicalIntent`)
    /// it changes, as change reports name them; their computed changes take its confidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affects: Vec<String>,
}

/// How well a fact is established.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Stated by LinkedIn's documentation (the `source`).
    #[default]
    Confirmed,
    /// Not confirmed by LinkedIn's documentation: inferred, or from a secondary source.
    Unverified,
}

impl Confidence {
    /// Whether `subject` (an operationId, `Type` or `Type.field`) is what `affected` names, or
    /// lies inside it.
    pub fn covers(affected: &str, subject: &str) -> bool {
        subject == affected
            || subject
                .strip_prefix(affected)
                .is_some_and(|rest| rest.starts_with('.'))
    }

    /// `confirmed` or `unverified`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Unverified => "unverified",
        }
    }
}

/// One overlay action.
#[derive(Debug, Clone)]
pub struct Action {
    /// The JSONPath as written.
    pub target: String,
    path: JsonPath,
    /// What the action does to each selected node.
    pub kind: ActionKind,
    /// Why (optional).
    pub description: Option<String>,
}

/// `update` or `remove`.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionKind {
    /// Merge into an object, or append to an array.
    Update(Value),
    /// Delete the selected nodes.
    Remove,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverlay {
    overlay: String,
    info: RawInfo,
    #[serde(default)]
    extends: Option<String>,
    #[serde(default, rename = "x-linkedin-changes")]
    changes: Vec<ChangeNote>,
    actions: Vec<RawAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfo {
    title: String,
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    target: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    update: Option<Value>,
    #[serde(default)]
    remove: Option<bool>,
}

impl Overlay {
    /// Reads and validates an overlay file; `month` is the month its file name claims.
    pub fn load(file: &Path, month: &str) -> Result<Overlay> {
        let text = crate::load::read(file)?;
        Overlay::parse(file, month, &text)
    }

    /// The month an overlay's text says it describes (`info.version`), for a candidate file
    /// whose name says nothing.
    pub fn claimed_month(file: &Path, text: &str) -> Result<String> {
        let root = Ptr::root(file);
        let value = crate::load::parse_yaml(text).map_err(|m| root.error(m))?;
        match value.pointer("/info/version") {
            Some(Value::String(v)) if v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(v.clone())
            }
            Some(other) => root
                .at("info")
                .at("version")
                .fail(format!("`{other}` is not a month (YYYYMM)")),
            None => root
                .at("info")
                .fail("no `version`: say which month (YYYYMM) this change file describes"),
        }
    }

    /// Parses overlay text; `file` names it in errors, `month` is the month it must describe.
    pub fn parse(file: &Path, month: &str, text: &str) -> Result<Overlay> {
        let root = Ptr::root(file);
        let value = crate::load::parse_yaml(text).map_err(|m| root.error(m))?;
        let raw: RawOverlay = serde_path_to_error::deserialize(value).map_err(|e| {
            crate::load::path_to_pointer(&root, e.path())
                .error(format!("not a valid overlay here: {}", e.inner()))
        })?;
        if raw.overlay != "1.0.0" {
            return root.at("overlay").fail(format!(
                "overlay version `{}` is not supported; write `overlay: 1.0.0`",
                raw.overlay
            ));
        }
        if raw.info.version != month {
            return root.at("info").at("version").fail(format!(
                "`{}` does not match the file name, which says {month}",
                raw.info.version
            ));
        }
        if raw.info.title.trim().is_empty() {
            return root.at("info").at("title").fail("the title is empty");
        }
        let _ = raw.extends;
        for (i, note) in raw.changes.iter().enumerate() {
            let at = root.at("x-linkedin-changes").at(i);
            if note.change.trim().is_empty() {
                return at.at("change").fail("the change is empty");
            }
            if note.source.trim().is_empty() {
                return at.at("source").fail("every change names its source");
            }
        }
        let mut actions = Vec::with_capacity(raw.actions.len());
        for (i, a) in raw.actions.into_iter().enumerate() {
            let at = root.at("actions").at(i);
            let path = JsonPath::parse(&a.target).map_err(|e| {
                at.at("target")
                    .error(format!("`{}` is not a valid JSONPath: {e}", a.target))
            })?;
            let kind = match (a.update, a.remove) {
                (Some(_), Some(true)) => {
                    return at.fail("an action either updates or removes, not both");
                }
                (Some(v), None | Some(false)) => ActionKind::Update(v),
                (None, Some(true)) => ActionKind::Remove,
                (None, _) => return at.fail("an action needs `update` or `remove: true`"),
            };
            actions.push(Action {
                target: a.target,
                path,
                kind,
                description: a.description,
            });
        }
        Ok(Overlay {
            file: file.to_path_buf(),
            month: month.to_owned(),
            changes: raw.changes,
            actions,
        })
    }

    /// Applies every action to `doc` in order. `touched` receives the JSON pointer of every node
    /// an action wrote, with the action's index, so errors found later can name their source.
    pub fn apply(&self, doc: &mut Value, touched: &mut Vec<(String, usize)>) -> Result<()> {
        for (i, action) in self.actions.iter().enumerate() {
            let at = Ptr::root(&self.file).at("actions").at(i);
            let mut pointers: Vec<String> = action
                .path
                .query_located(doc)
                .locations()
                .map(|l| l.to_json_pointer())
                .collect();
            if pointers.is_empty() {
                return at.at("target").fail(format!(
                    "`{}` selects nothing in the spec as it stands before {}",
                    action.target, self.month
                ));
            }
            match &action.kind {
                ActionKind::Update(value) => {
                    for p in &pointers {
                        let node = doc
                            .pointer_mut(p)
                            .ok_or_else(|| at.error(format!("`{p}` vanished while updating")))?;
                        update(node, value)
                            .map_err(|m| at.at("update").error(format!("{p}: {m}")))?;
                        // What the action wrote: the keys it merged, or the element it appended
                        // (not the whole target, most of which it left alone).
                        match (&*node, value) {
                            (Value::Array(items), _) => {
                                touched.push((format!("{p}/{}", items.len() - 1), i));
                            }
                            (_, Value::Object(props)) => {
                                for key in props.keys() {
                                    let key = key.replace('~', "~0").replace('/', "~1");
                                    touched.push((format!("{p}/{key}"), i));
                                }
                            }
                            _ => touched.push((p.clone(), i)),
                        }
                    }
                }
                ActionKind::Remove => {
                    // Later siblings first, so removing one array element leaves the indices of
                    // the others intact.
                    pointers.sort_by(|a, b| compare_pointers(b, a));
                    for p in &pointers {
                        remove(doc, p).map_err(|m| at.at("target").error(m))?;
                        touched.push((p.clone(), i));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Pointers compared segment by segment, numbers as numbers.
fn compare_pointers(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.split('/'), b.split('/'));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(p), Some(q)) => {
                let ord = match (p.parse::<usize>(), q.parse::<usize>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => p.cmp(q),
                };
                if ord.is_ne() {
                    return ord;
                }
            }
        }
    }
}

fn update(node: &mut Value, value: &Value) -> std::result::Result<(), String> {
    match node {
        Value::Object(target) => {
            let Value::Object(props) = value else {
                return Err("the target is an object, so `update` must be an object".to_owned());
            };
            merge(target, props);
            Ok(())
        }
        Value::Array(items) => {
            items.push(value.clone());
            Ok(())
        }
        _ => Err(
            "`update` needs an object or array target; to replace a value, update its parent"
                .to_owned(),
        ),
    }
}

fn merge(target: &mut serde_json::Map<String, Value>, props: &serde_json::Map<String, Value>) {
    for (key, value) in props {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge(inner, more),
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

fn remove(doc: &mut Value, pointer: &str) -> std::result::Result<(), String> {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return Err("the whole document cannot be removed".to_owned());
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => map
            .shift_remove(&key)
            .map(drop)
            .ok_or_else(|| format!("`{pointer}` is absent")),
        Some(Value::Array(items)) => match key.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                Ok(())
            }
            _ => Err(format!("`{pointer}` is absent")),
        },
        _ => Err(format!("the parent of `{pointer}` is absent")),
    }
}

/// Finds the overlay action that last wrote `pointer` (or a node containing it).
pub fn origin<'a>(
    touched: &'a [(String, String, usize)],
    pointer: &str,
) -> Option<&'a (String, String, usize)> {
    touched.iter().rev().find(|(p, _, _)| {
        pointer == p
            || pointer
                .strip_prefix(p.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay(actions: &str) -> Result<Overlay> {
        let text = format!(
            "overlay: 1.0.0\ninfo: {{title: t, version: '202408'}}\nx-linkedin-changes:\n  - {{change: c, source: s, confidence: unverified}}\nactions:\n{actions}"
        );
        Overlay::parse(
            Path::new("spec/source/202408.overlay.yaml"),
            "202408",
            &text,
        )
    }

    fn doc() -> Value {
        serde_json::json!({
            "components": {"schemas": {
                "Post": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "old": {"type": "string"}}},
                "State": {"type": "string", "enum": ["A", "B", "C"]}
            }}
        })
    }

    #[test]
    fn updates_merge_remove_and_append() {
        let o = overlay(
            "  - target: $.components.schemas.Post.properties\n    update: {origin: {type: string}, id: {type: integer}}\n  - target: $.components.schemas.Post.properties.old\n    remove: true\n  - target: $.components.schemas.State.enum\n    update: D\n  - target: \"$.components.schemas.State.enum[?@ == 'A' || @ == 'C']\"\n    remove: true\n",
        )
        .unwrap();
        assert_eq!(o.changes[0].confidence, Confidence::Unverified);
        let mut d = doc();
        let mut touched = Vec::new();
        o.apply(&mut d, &mut touched).unwrap();
        let post = &d["components"]["schemas"]["Post"]["properties"];
        assert_eq!(post["id"]["type"], "integer");
        assert_eq!(post["origin"]["type"], "string");
        assert!(post.get("old").is_none());
        assert_eq!(
            d["components"]["schemas"]["State"]["enum"],
            serde_json::json!(["B", "D"])
        );
        // Two merged keys, one removal, one appended element, two removed elements.
        assert_eq!(touched.len(), 6);
        assert!(touched.contains(&("/components/schemas/Post/properties/origin".to_owned(), 0)));
    }

    #[test]
    fn bad_overlays_are_errors_naming_file_and_pointer() {
        let cases = [
            (
                "  - target: $.components.schemas.Nope\n    remove: true\n",
                "#/actions/0/target",
                "selects nothing",
            ),
            (
                "  - target: $.components.schemas[\n    remove: true\n",
                "#/actions/0/target",
                "not a valid JSONPath",
            ),
            (
                "  - target: $.components\n",
                "#/actions/0",
                "needs `update` or `remove",
            ),
            (
                "  - target: $.components\n    remove: true\n    update: {}\n",
                "#/actions/0",
                "not both",
            ),
            (
                "  - target: $.components.schemas.State.type\n    update: integer\n",
                "#/actions/0/update",
                "object or array target",
            ),
            (
                "  - target: $.components.schemas.Post\n    update: [1]\n",
                "#/actions/0/update",
                "must be an object",
            ),
            (
                "  - target: $.components\n    replace: 1\n",
                "#/actions/0",
                "unknown field",
            ),
        ];
        for (actions, pointer, words) in cases {
            let e = overlay(actions)
                .and_then(|o| o.apply(&mut doc(), &mut Vec::new()))
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with("spec/source/202408.overlay.yaml: ")
                    && e.contains(pointer)
                    && e.contains(words),
                "{pointer} / {words}: {e}"
            );
        }
        let wrong_month = Overlay::parse(
            Path::new("spec/source/202409.overlay.yaml"),
            "202409",
            "overlay: 1.0.0\ninfo: {title: t, version: '202408'}\nactions: []\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            wrong_month.contains("#/info/version") && wrong_month.contains("file name"),
            "{wrong_month}"
        );
    }

    #[test]
    fn origin_finds_the_last_writer_of_a_pointer() {
        let touched = vec![
            ("/a".to_owned(), "f1".to_owned(), 0),
            ("/a/b".to_owned(), "f2".to_owned(), 3),
        ];
        assert_eq!(origin(&touched, "/a/b/c").map(|t| t.2), Some(3));
        assert_eq!(origin(&touched, "/a/bc").map(|t| t.2), Some(0));
        assert!(origin(&touched, "/x").is_none());
    }
}
