//! Shared by the generator fuzz test: spec mutations, and compiling generated code.

pub mod compile;
pub mod mutate;
