//! Rules on operations: added, removed, moved; their Rest.li call (method, finder, action,
//! paging, version header), parameters, bodies, responses and permissions.

use std::collections::{BTreeMap, BTreeSet};

use super::show::{operation_pointer, paging_name, show, show_opt, show_response, show_scopes};
use super::{Change, Flow, Kind, OperationRef, Severity, sev};
use crate::ir::*;

pub(super) fn methods(api: &Api) -> BTreeMap<&str, &Method> {
    api.resources
        .iter()
        .flat_map(|r| &r.methods)
        .map(|m| (m.operation_id.as_str(), m))
        .collect()
}

pub(super) fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    let old_methods = methods(old);
    let new_methods = methods(new);
    for (id, m) in &old_methods {
        match new_methods.get(id) {
            None => out.push(
                Change::new(
                    Kind::OperationRemoved,
                    Severity::Breaking,
                    id,
                    format!("operation removed (`{} {}`)", m.http_method, m.path),
                )
                .pointers(Some(operation_pointer(m)), None),
            ),
            Some(n) => diff_method(m, n, &mut out),
        }
    }
    for (id, m) in &new_methods {
        if !old_methods.contains_key(id) {
            out.push(
                Change::new(
                    Kind::OperationAdded,
                    Severity::NonBreaking,
                    id,
                    format!("operation added (`{} {}`)", m.http_method, m.path),
                )
                .pointers(None, Some(operation_pointer(m))),
            );
        }
    }
    for c in &mut out {
        let m = new_methods
            .get(c.subject.as_str())
            .or(old_methods.get(c.subject.as_str()));
        c.operations = m.map(|m| OperationRef::of(m)).into_iter().collect();
    }
    out
}

fn diff_method(old: &Method, new: &Method, out: &mut Vec<Change>) {
    let id = old.operation_id.as_str();
    let mut sink = Sink {
        id,
        old: operation_pointer(old),
        new: operation_pointer(new),
        out,
    };
    if (old.http_method, old.path.as_str()) != (new.http_method, new.path.as_str()) {
        sink.push(
            Kind::OperationMoved,
            Severity::Breaking,
            format!(
                "now `{} {}` (was `{} {}`)",
                new.http_method, new.path, old.http_method, old.path
            ),
        )
        .values_from(
            format!("{} {}", old.http_method, old.path),
            format!("{} {}", new.http_method, new.path),
        );
    }
    diff_restli(old, new, &mut sink);
    let old_params: BTreeMap<&str, &Param> =
        old.params.iter().map(|p| (p.wire.as_str(), p)).collect();
    let new_params: BTreeMap<&str, &Param> =
        new.params.iter().map(|p| (p.wire.as_str(), p)).collect();
    for (name, p) in &old_params {
        let Some(n) = new_params.get(name) else {
            sink.push(
                Kind::ParameterRemoved,
                Severity::Breaking,
                format!("parameter `{name}` removed"),
            )
            .flow(Flow::Request);
            continue;
        };
        if n.ty != p.ty {
            sink.push(
                Kind::ParameterRetyped,
                Severity::Breaking,
                format!(
                    "parameter `{name}` is now {} (was {})",
                    show(&n.ty),
                    show(&p.ty)
                ),
            )
            .flow(Flow::Request)
            .values_from(show(&p.ty), show(&n.ty));
        }
        if n.required && !p.required {
            sink.push(
                Kind::ParameterMadeRequired,
                Severity::Breaking,
                format!("parameter `{name}` made required"),
            )
            .flow(Flow::Request);
        } else if !n.required && p.required {
            sink.push(
                Kind::ParameterMadeOptional,
                Severity::NonBreaking,
                format!("parameter `{name}` made optional"),
            )
            .flow(Flow::Request);
        }
        if n.default != p.default {
            let shown = |d: &Option<serde_json::Value>| {
                d.as_ref()
                    .map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
            };
            let c = sink.push(
                Kind::ParameterDefaultChanged,
                Severity::Warning,
                format!(
                    "parameter `{name}` defaults to {} (was {}): calls that omit it behave differently",
                    shown(&n.default),
                    shown(&p.default)
                ),
            )
            .flow(Flow::Request);
            c.old_value = p.default.clone();
            c.new_value = n.default.clone();
        }
    }
    for (name, p) in &new_params {
        if !old_params.contains_key(name) {
            let kind = if p.required { "required" } else { "optional" };
            sink.push(
                Kind::ParameterAdded,
                sev(p.required),
                format!("{kind} parameter `{name}` added"),
            )
            .flow(Flow::Request);
        }
    }
    if old.body != new.body {
        sink.push(
            Kind::RequestBodyChanged,
            Severity::Breaking,
            format!(
                "request body is now {} (was {})",
                show_opt(&new.body),
                show_opt(&old.body)
            ),
        )
        .flow(Flow::Request)
        .values_from(show_opt(&old.body), show_opt(&new.body));
    }
    if old.response != new.response {
        sink.push(
            Kind::ResponseChanged,
            Severity::Breaking,
            format!(
                "response is now {} (was {})",
                show_response(&new.response),
                show_response(&old.response)
            ),
        )
        .flow(Flow::Response)
        .values_from(show_response(&old.response), show_response(&new.response));
    }
    if old.scopes != new.scopes {
        let new_alts: BTreeSet<&Vec<String>> = new.scopes.iter().collect();
        let narrowed =
            old.scopes.iter().any(|alt| !new_alts.contains(alt)) && !new.scopes.is_empty();
        let c = sink.push(
            Kind::PermissionsChanged,
            sev(narrowed),
            format!(
                "permissions are now {} (were {})",
                show_scopes(&new.scopes),
                show_scopes(&old.scopes)
            ),
        );
        c.old_value = serde_json::to_value(&old.scopes).ok();
        c.new_value = serde_json::to_value(&new.scopes).ok();
    }
    if !old.deprecated && new.deprecated {
        sink.push(
            Kind::OperationDeprecated,
            Severity::Warning,
            "operation deprecated".to_owned(),
        );
    }
}

/// The Rest.li call the generated code makes: every part of it is fixed in old code, so any
/// change breaks it — except paging appearing or a larger page allowed.
fn diff_restli(old: &Method, new: &Method, sink: &mut Sink<'_>) {
    let (o, n) = (&old.restli, &new.restli);
    if o.method != n.method {
        sink.push(
            Kind::RestliMethodChanged,
            Severity::Breaking,
            format!(
                "Rest.li method is now `{}` (was `{}`): old code sends the wrong `X-RestLi-Method`",
                n.method, o.method
            ),
        )
        .values_from(o.method.wire(), n.method.wire());
    }
    let discriminator = |m: &Method| m.restli.method.discriminator().unwrap_or("q");
    if o.finder != n.finder && o.finder.is_some() && n.finder.is_some() {
        sink.push(
            Kind::FinderRenamed,
            Severity::Breaking,
            format!(
                "finder is now `{}={}` (was `{}={}`)",
                discriminator(new),
                n.finder.as_deref().unwrap_or_default(),
                discriminator(old),
                o.finder.as_deref().unwrap_or_default()
            ),
        )
        .values_from(o.finder.clone(), n.finder.clone());
    }
    if o.action != n.action && o.action.is_some() && n.action.is_some() {
        sink.push(
            Kind::ActionRenamed,
            Severity::Breaking,
            format!(
                "action is now `action={}` (was `action={}`)",
                n.action.as_deref().unwrap_or_default(),
                o.action.as_deref().unwrap_or_default()
            ),
        )
        .values_from(o.action.clone(), n.action.clone());
    }
    let (op, np) = (old.pagination, new.pagination);
    if op.map(|p| p.style) != np.map(|p| p.style) {
        // Paging appearing is a warning: old code keeps working but reads the first page only.
        let severity = if op.is_none() {
            Severity::Warning
        } else {
            Severity::Breaking
        };
        let description = match (op, np) {
            (None, Some(_)) => format!(
                "now pages ({} paging): old code reads the first page only",
                paging_name(np)
            ),
            (Some(_), None) => format!("no longer pages (was {} paging)", paging_name(op)),
            _ => format!(
                "paging is now {} (was {}): old code sends the wrong paging parameters",
                paging_name(np),
                paging_name(op)
            ),
        };
        sink.push(Kind::PagingChanged, severity, description)
            .values_from(paging_name(op), paging_name(np));
    } else if let (Some(a), Some(b)) = (op, np)
        && a.max_page_size != b.max_page_size
    {
        let smaller = b.max_page_size < a.max_page_size;
        let why = if smaller {
            ": old code may ask for larger pages than allowed"
        } else {
            ""
        };
        sink.push(
            Kind::MaxPageSizeChanged,
            sev(smaller),
            format!(
                "largest page is now {} (was {}){why}",
                b.max_page_size, a.max_page_size
            ),
        )
        .values_from(a.max_page_size, b.max_page_size);
    }
    if old.versioned != new.versioned {
        let description = if new.versioned {
            "now versioned: old code does not send the `Linkedin-Version` header it requires"
        } else {
            "no longer versioned: old code sends a `Linkedin-Version` header it does not accept"
        };
        sink.push(
            Kind::VersioningChanged,
            Severity::Breaking,
            description.to_owned(),
        )
        .values_from(old.versioned, new.versioned);
    }
}

/// Where one operation's changes go, each with the operation's pointers in both specs.
struct Sink<'a> {
    id: &'a str,
    old: String,
    new: String,
    out: &'a mut Vec<Change>,
}

impl Sink<'_> {
    fn push(&mut self, kind: Kind, severity: Severity, description: String) -> &mut Change {
        let c = Change::new(kind, severity, self.id, description)
            .pointers(Some(self.old.clone()), Some(self.new.clone()));
        self.out.push(c);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

impl Change {
    pub(super) fn values_from(
        &mut self,
        old: impl serde::Serialize,
        new: impl serde::Serialize,
    ) -> &mut Self {
        // Values are for tools: a type shown in words loses its Markdown backticks.
        let plain = |v: serde_json::Value| match v {
            serde_json::Value::String(s) => serde_json::Value::String(s.replace('`', "")),
            v => v,
        };
        self.old_value = serde_json::to_value(old).ok().map(plain);
        self.new_value = serde_json::to_value(new).ok().map(plain);
        self
    }

    pub(super) fn flow(&mut self, flow: Flow) -> &mut Self {
        self.direction = Some(flow);
        self
    }
}
