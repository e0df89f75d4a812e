//! The generator's Rest.li method table (`codegen::protocol`) and the runtime's
//! (`linkedin_api::RestliMethod`) are two copies of one fact: generated code names the runtime's
//! variant, the catalogue lists the generator's wire name and HTTP method, and the runtime sends
//! its own header, HTTP method and retry decision. They must agree row for row.

use codegen::protocol::RestliMethod as Spec;
use linkedin_api::RestliMethod as Runtime;

fn runtime_of(m: Spec) -> Runtime {
    let found: Vec<Runtime> = Runtime::ALL
        .into_iter()
        .filter(|r| r.header_value() == m.wire())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{m:?}: the runtime has {} methods sent as `{}`",
        found.len(),
        m.wire()
    );
    found[0]
}

#[test]
fn every_generator_method_is_the_same_runtime_method() {
    for m in Spec::ALL {
        let r = runtime_of(m);
        assert_eq!(
            format!("{r:?}"),
            m.runtime_variant(),
            "{m}: generated code names the runtime variant `{}`",
            m.runtime_variant()
        );
        assert_eq!(
            r.http_method().as_str(),
            m.http_method().as_str(),
            "{m}: HTTP method"
        );
        assert_eq!(r.is_idempotent(), m.is_idempotent(), "{m}: idempotency");
    }
}

#[test]
fn the_runtime_has_no_method_the_generator_lacks() {
    for r in Runtime::ALL {
        assert!(
            Spec::from_wire(r.header_value()).is_some(),
            "the runtime sends `{}`, which the generator does not know",
            r.header_value()
        );
    }
    assert_eq!(Runtime::ALL.len(), Spec::ALL.len());
}
