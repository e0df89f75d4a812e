//! The generator under random structural mutations of a real spec: for every mutant it returns
//! either a clean error naming the file, or code — never a panic, an abort or a hang — and a
//! sample of the code it accepts compiles.
//!
//! Mutations (`fuzz/mutate.rs`) delete keys, change types, retarget `$ref`s (to another schema,
//! to the enclosing one, to nothing), wrap schemas in `allOf`/`oneOf`/arrays/maps, duplicate and
//! rename properties, nest schemas deeply and put garbage in our vendor extensions. The case count
//! is fixed and the random source seeded, so a run is reproducible; `CODEGEN_FUZZ_CASES=<n>` runs
//! more, `CODEGEN_FUZZ_SEED=<u64>` other ones, and `CODEGEN_FUZZ_VERBOSE=1` prints each case.
//! Recursive shapes each have an explicit case as well.
//!
//! Every case runs in a thread with an 8 MiB stack (what `cargo xtask codegen` gets as a main
//! thread on Linux) and a deadline. A stack overflow cannot be caught (it aborts the test binary,
//! which fails the run); the depth limits of the loader (YAML nesting) and the generator (schema
//! nesting) are what rule it out, and this test is what exercises them.

mod fuzz;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use codegen::diag::Error;
use codegen::ir::Api;
use fuzz::compile::Sample;
use fuzz::mutate::{KINDS, Mutation};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Value, json};

/// The real spec the mutants come from.
const BASE_SPEC: &str = "spec/202605/openapi.yaml";
/// The name errors should carry.
const SPEC_NAME: &str = "spec/fuzzed.yaml";
const DEFAULT_CASES: u32 = 64;
const DEADLINE: Duration = Duration::from_secs(30);
/// The stack each case runs with. A debug build of the loader needs about 14 KiB per level of
/// YAML nesting, about 2 MiB at the YAML parser's limit of 128 levels.
const STACK: usize = 8 << 20;
/// Random accepted mutants whose code is compiled, beside the explicit recursive cases.
const RANDOM_COMPILE_SAMPLES: usize = 2;

/// The base spec, loaded once, as the generator's loader sees it.
fn base() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .join(BASE_SPEC);
    let text = std::fs::read_to_string(&path).expect("the base spec reads");
    codegen::load::parse_yaml(&text).expect("the base spec is YAML")
}

/// The generator, from a loaded document to a model — the one place that knows how specs enter
/// it (as JSON text, which is YAML, through `codegen::load::load_str`) — run in a thread with a
/// bounded stack and a deadline.
fn generate(spec: &Value) -> Result<Api, Error> {
    let spec = spec.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("generator".to_owned())
        .stack_size(STACK)
        .spawn(move || {
            let path = Path::new(SPEC_NAME);
            let result =
                codegen::load::load_value(path, spec).and_then(|s| codegen::build::build(&s));
            // Emit too: it parses the tokens with `syn`, which would catch an invalid identifier.
            let result = result.and_then(|api| {
                emit(&api).map_err(|message| Error {
                    file: path.to_path_buf(),
                    pointer: "#".to_owned(),
                    message: format!("EMIT FAILED: {message}"),
                })?;
                Ok(api)
            });
            let _ = tx.send(result);
        })
        .expect("spawns");
    match rx.recv_timeout(DEADLINE) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("the generator did not finish within {DEADLINE:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the generator panicked (see its message above)")
        }
    }
}

fn emit(api: &Api) -> Result<Vec<codegen::emit::File>, String> {
    let month = codegen::registry::Month {
        version: "209901".to_owned(),
        released: "2099-01".to_owned(),
        sunset: "9999-12-31".to_owned(),
        sunset_estimated: false,
        spec: "209901".to_owned(),
    };
    let input = codegen::emit::Version {
        module: "s209901".to_owned(),
        api,
        spec_path: SPEC_NAME.to_owned(),
        months: vec![month],
    };
    codegen::emit::emit(&[input], "0000-01-01")
}

/// An outcome class: `generated`, or the error's message with its specifics (quoted names and
/// values, parentheses, pointers, numbers) blanked, so that errors of one kind count together.
fn class(result: &Result<Api, Error>) -> String {
    let Err(e) = result else {
        return "generated".to_owned();
    };
    let mut out = String::from("rejected: ");
    let mut quote: Option<char> = None;
    let mut pointer = false;
    for c in e.message.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '`' | '"') => {
                quote = Some(c);
                out.push('…');
            }
            (None, '(') => {
                quote = Some(')');
                out.push_str("(…)");
            }
            _ if pointer && !c.is_whitespace() && c != ';' && c != ',' => {}
            (None, '#') => {
                pointer = true;
                out.push_str("#…");
            }
            (None, '0'..='9') => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            _ => {
                pointer = false;
                out.push(c);
            }
        }
    }
    out.chars().take(100).collect()
}

/// Checks the contract on one result: an error names the fuzzed file and a JSON pointer.
fn check_contract(result: &Result<Api, Error>, what: &str) -> Result<(), String> {
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.message.starts_with("EMIT FAILED") => Err(format!(
            "{what}: accepted, but the emitted code is invalid: {e}"
        )),
        Err(e) if e.file != Path::new(SPEC_NAME) => Err(format!("{what}: wrong file in {e}")),
        Err(e) if !e.pointer.starts_with('#') => Err(format!("{what}: not a pointer in {e}")),
        Err(_) => Ok(()),
    }
}

/// A reachable object schema of the base spec, to hang the explicit recursive shapes from.
fn hook(spec: &Value, api: &Api) -> String {
    let names = fuzz::mutate::component_names(spec);
    names
        .into_iter()
        .find(|n| {
            api.types.iter().any(|t| {
                t.origin == format!("#/components/schemas/{n}")
                    && matches!(t.kind, codegen::ir::TypeKind::Struct(_))
            })
        })
        .expect("the base spec has a reachable object schema")
}

/// The base spec with each `(schemas, probe)` added: the schemas under `components/schemas`,
/// and a property of a reachable object referring to the probe.
fn with_probes(base: &Value, hook: &str, cases: &[(Value, String)]) -> Value {
    let mut spec = base.clone();
    for (i, (schemas, probe)) in cases.iter().enumerate() {
        let all = spec["components"]["schemas"]
            .as_object_mut()
            .expect("schemas");
        for (k, v) in schemas.as_object().expect("an object of schemas") {
            all.insert(k.clone(), v.clone());
        }
        spec["components"]["schemas"][hook]["properties"][format!("fuzzProbe{i}")] = r(probe);
    }
    spec
}

/// A case's schemas with names of their own (`Fuzz3Probe`), so several cases fit in one spec.
fn numbered(schemas: &Value, i: usize) -> (Value, String) {
    let text = serde_json::to_string(schemas)
        .expect("serializes")
        .replace("FuzzProbe", &format!("Fuzz{i}Probe"))
        .replace("FuzzOther", &format!("Fuzz{i}Other"));
    (
        serde_json::from_str(&text).expect("parses"),
        format!("Fuzz{i}Probe"),
    )
}

fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The recursive shapes, each with whether it must generate (and compile) or be refused.
fn recursive_cases() -> Vec<(&'static str, Value, bool)> {
    vec![
        (
            "items",
            json!({ "FuzzProbe": { "type": "array", "items": r("FuzzProbe") } }),
            true,
        ),
        (
            "additionalProperties",
            json!({ "FuzzProbe": { "type": "object", "additionalProperties": r("FuzzProbe") } }),
            true,
        ),
        (
            "mutual items/additionalProperties",
            json!({
                "FuzzProbe": { "type": "array", "items": r("FuzzOther") },
                "FuzzOther": { "type": "object", "additionalProperties": r("FuzzProbe") },
            }),
            true,
        ),
        (
            "mutual objects through an array",
            json!({
                "FuzzProbe": { "type": "object", "properties": { "next": { "type": "array", "items": r("FuzzOther") } } },
                "FuzzOther": { "type": "object", "properties": { "back": r("FuzzProbe"), "me": r("FuzzOther") } },
            }),
            true,
        ),
        (
            "allOf alias inside its target",
            json!({
                "FuzzProbe": { "allOf": [r("FuzzOther")] },
                "FuzzOther": { "type": "object", "properties": { "back": r("FuzzProbe") } },
            }),
            true,
        ),
        (
            "allOf of itself",
            json!({ "FuzzProbe": { "allOf": [r("FuzzProbe")] } }),
            false,
        ),
        (
            "allOf of itself and an object",
            json!({ "FuzzProbe": { "allOf": [r("FuzzProbe"), { "type": "object", "properties": { "a": { "type": "string" } } }] } }),
            false,
        ),
        (
            "oneOf through an object",
            json!({
                "FuzzProbe": { "oneOf": [r("FuzzOther"), { "type": "string" }] },
                "FuzzOther": { "type": "object", "properties": { "inner": r("FuzzProbe") } },
            }),
            true,
        ),
        (
            "through an action envelope",
            json!({
                "FuzzProbe": { "type": "object", "properties": { "result": r("FuzzOther") } },
                "FuzzOther": { "type": "object", "x-restli-envelope": "action", "properties": { "value": r("FuzzProbe") } },
            }),
            true,
        ),
        (
            "oneOf of itself",
            json!({ "FuzzProbe": { "oneOf": [r("FuzzProbe"), { "type": "string" }] } }),
            false,
        ),
        (
            "mutual oneOf",
            json!({
                "FuzzProbe": { "oneOf": [r("FuzzOther"), { "type": "string" }] },
                "FuzzOther": { "oneOf": [r("FuzzProbe"), { "type": "integer" }] },
            }),
            false,
        ),
    ]
}

#[test]
fn mutants_generate_or_fail_cleanly_and_a_sample_compiles() {
    let base = base();
    let base_api = generate(&base).expect("the base spec generates");
    let hook = hook(&base, &base_api);
    let mut samples: Vec<Sample> = Vec::new();
    let mut month = 209900;
    let mut next_month = || {
        month += 1;
        if month % 100 == 13 {
            month += 88; // 2099-12 → 2100-01
        }
        month.to_string()
    };

    // The explicit recursive shapes, each alone; then those that generate, all in one spec, to
    // compile.
    let started = Instant::now();
    let mut compiling = Vec::new();
    for (i, (label, schemas, generates)) in recursive_cases().into_iter().enumerate() {
        let case = numbered(&schemas, i);
        let result = generate(&with_probes(&base, &hook, std::slice::from_ref(&case)));
        check_contract(&result, label).unwrap_or_else(|e| panic!("{e}"));
        match (result, generates) {
            (Ok(_), true) => compiling.push(case),
            (Err(e), false) => {
                assert!(
                    e.pointer
                        .starts_with(&format!("#/components/schemas/Fuzz{i}")),
                    "{label}: the error points at the recursive schema: {e}"
                );
            }
            (Ok(_), false) => panic!("{label}: accepted, but its code cannot compile"),
            (Err(e), true) => panic!("{label}: refused: {e}"),
        }
    }
    let together = generate(&with_probes(&base, &hook, &compiling))
        .unwrap_or_else(|e| panic!("the recursive shapes together: {e}"));
    samples.push(Sample {
        month: next_month(),
        label: "the recursive shapes that generate".to_owned(),
        api: together,
    });

    // Random mutants.
    let cases = std::env::var("CODEGEN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let classes: RefCell<BTreeMap<String, usize>> = RefCell::new(BTreeMap::new());
    let accepted: RefCell<Vec<(String, Api)>> = RefCell::new(Vec::new());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    };
    let rng = match std::env::var("CODEGEN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let mutation =
        (0..KINDS.len(), any::<u64>(), any::<u64>()).prop_map(|(k, target, variant)| Mutation {
            kind: KINDS[k],
            target,
            variant,
        });
    let strategy = prop::collection::vec(mutation, 1..=3);
    let verbose = std::env::var_os("CODEGEN_FUZZ_VERBOSE").is_some();
    let outcome = runner.run(&strategy, |mutations| {
        let mut spec = base.clone();
        let what: Vec<String> = mutations
            .iter()
            .map(|m| fuzz::mutate::apply(&mut spec, *m))
            .collect();
        let what = what.join("; ");
        if verbose {
            eprintln!("case: {what}");
        }
        let result = generate(&spec);
        check_contract(&result, &what).map_err(TestCaseError::fail)?;
        *classes.borrow_mut().entry(class(&result)).or_default() += 1;
        if let Ok(api) = result
            && api != base_api
        {
            accepted.borrow_mut().push((what, api));
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }

    let classes = classes.into_inner();
    let total: usize = classes.values().sum();
    println!(
        "generator fuzz: {total} random mutants of {BASE_SPEC} and {} recursive cases in {:.1?}",
        recursive_cases().len(),
        started.elapsed()
    );
    let mut by_count: Vec<(&String, &usize)> = classes.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (class, n) in by_count {
        println!("{n:6}  {class}");
    }

    // Compile the recursive cases and a few random accepted mutants, spread over the run.
    let accepted = accepted.into_inner();
    let step = (accepted.len() / RANDOM_COMPILE_SAMPLES).max(1);
    for (what, api) in accepted
        .into_iter()
        .step_by(step)
        .take(RANDOM_COMPILE_SAMPLES)
    {
        samples.push(Sample {
            month: next_month(),
            label: what,
            api,
        });
    }
    let started = Instant::now();
    fuzz::compile::check(&samples).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "the code of {} accepted mutants compiles (cargo check, {:.1?})",
        samples.len(),
        started.elapsed()
    );

    // And the check can fail: the fixture's recursive `Tree` without its `Box` is infinitely large.
    let fixture = include_str!("fixtures/features.yaml");
    let mut canary = codegen::load::load_str(Path::new("features.yaml"), fixture)
        .and_then(|s| codegen::build::build(&s))
        .expect("the fixture builds");
    for def in &mut canary.types {
        if let codegen::ir::TypeKind::Struct(s) = &mut def.kind {
            s.fields.iter_mut().for_each(|f| f.boxed = false);
        }
    }
    let label = "the fixture with its recursive field unboxed".to_owned();
    let error = fuzz::compile::check(&[Sample {
        month: "209901".to_owned(),
        label: label.clone(),
        api: canary,
    }])
    .expect_err("an infinitely large type does not compile");
    assert!(
        error.contains(&format!("{:?}", [&label])) && error.contains("E0072"),
        "{error}"
    );
}
