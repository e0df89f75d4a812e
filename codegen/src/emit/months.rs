//! The month layer: one public module per LinkedIn month (`v202402`), each re-exporting the
//! bindings of the spec that governs it and adding an `Api` that sends that month as
//! `Linkedin-Version`; the `Version` enum; and the generated tree's `mod.rs`.
//!
//! Months sharing a spec share its compiled code: a month module is a handful of lines.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Version, doc_attrs, ident};

/// `api_resources!`, in a spec's `mod.rs`: the resource accessors of the `Api` of every month
/// the spec governs, written once per spec and expanded in each month's `impl Api` (where the
/// spec's resource modules are in scope through the month's `pub use`).
pub(super) fn api_resources_macro(api: &crate::ir::Api) -> TokenStream {
    let resources = api.resources.iter().map(|r| {
        let accessor = ident(&r.module);
        let type_name = format_ident!("{}", r.type_name);
        let summary = first_sentence(r.doc.as_deref().unwrap_or(""));
        let doc = doc_attrs(format!("{} {summary}", super::methods::resource_doc(r)).trim_end());
        quote! {
            #doc
            pub fn #accessor(&self) -> #accessor::#type_name {
                #accessor::#type_name::from_handle(self.handle.clone())
            }
        }
    });
    quote! {
        /// The resource accessors of the `Api` of each month this spec governs.
        macro_rules! api_resources {
            () => {
                #(#resources)*
            };
        }
        pub(crate) use api_resources;
    }
}

/// The first sentence of a doc text's first paragraph, its lines joined.
fn first_sentence(doc: &str) -> String {
    let paragraph = doc.split("\n\n").next().unwrap_or("");
    let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.find(". ") {
        Some(end) => joined[..=end].to_owned(),
        None => joined,
    }
}

/// `generated/mod.rs`: the spec modules (compiled when any of their months is enabled), the
/// month modules, typed URNs and the `Version` enum.
/// The runtime's generated root: what is the same for every month.
pub(super) fn runtime_mod() -> TokenStream {
    quote! {
        //! Generated from `spec/` by `cargo xtask codegen`, the same for every month: the typed
        //! URNs of every entity the specs name and the `Version` enum of the registry's months.
        pub mod urn;
        pub mod version;
    }
}

pub(super) fn root_mod(versions: &[Version<'_>], shared: bool) -> TokenStream {
    let specs = versions.iter().map(|v| {
        let m = ident(&v.module);
        let cfg = features_cfg(&v.months);
        quote! {
            #[cfg(#cfg)]
            #[allow(clippy::too_many_arguments, clippy::large_enum_variant)]
            mod #m;
        }
    });
    let doc = if shared {
        quote! {
            //! Bindings generated from `spec/` by `cargo xtask codegen`: one private module per spec,
            //! holding the modules only that spec has and re-exporting from `shared` the modules
            //! several specs have unchanged; one public module per month (in `months`).
        }
    } else {
        quote! {
            //! Bindings generated from `spec/` by `cargo xtask codegen`: one private module per spec,
            //! one public module per month (in `months`), typed URNs and the `Version` enum.
        }
    };
    let shared = shared.then(|| {
        quote! {
            #[allow(clippy::too_many_arguments, clippy::large_enum_variant)]
            mod shared;
        }
    });
    quote! {
        #doc
        pub mod months;
        #[cfg(feature = "test-util")]
        mod examples;
        #shared
        #(#specs)*
    }
}

/// The `cfg` predicate that is true when any of `months` is enabled.
pub(super) fn features_cfg<'a>(
    months: impl IntoIterator<Item = &'a crate::registry::Month>,
) -> TokenStream {
    let features: Vec<String> = months
        .into_iter()
        .map(|month| format!("v{}", month.version))
        .collect();
    match features.as_slice() {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    }
}

/// `generated/months.rs`: `pub mod v202401 { … }` for every month.
pub(super) fn months_file(versions: &[Version<'_>], as_of: &str) -> TokenStream {
    let modules = versions.iter().flat_map(|v| v.months.iter().map(move |m| (v, m))).map(|(v, m)| {
        let name = format_ident!("v{}", m.version);
        let spec = ident(&v.module);
        let version = &m.version;
        let feature = format!("v{version}");
        let variant = format_ident!("V{version}");
        let estimated = if m.sunset_estimated { " (estimated)" } else { "" };
        let status = if m.is_sunset(as_of) { "was sunset" } else { "is supported until" };
        // An outer doc on a module resolves intra-doc links in the parent module: hence the
        // month's path in the link to its `Api::new`.
        let doc = doc_attrs(&format!(
            "LinkedIn API version `{version}`: released {released}; {status} {sunset}{estimated}.\n\n\
             Governed by the `{spec_version}` spec (`spec/{spec_version}/openapi.yaml`). Start with\n\
             [`Api::new`](v{version}::Api::new); every versioned call sends `Linkedin-Version: {version}`.\n\n\
             Enabled by the cargo feature `{feature}`.",
            released = m.released,
            sunset = m.sunset,
            spec_version = v.api.version,
        ));
        let deprecated = m.is_sunset(as_of).then(|| {
            let note = format!("LinkedIn sunset version {version} on {}{estimated}; use a newer version module", m.sunset);
            quote!(#[deprecated(note = #note)])
        });
        let test_util = super::examples::month_impl();
        let api_doc = doc_attrs(&format!("The entry point of version `{version}`: a [`crate::Client`] bound to `Linkedin-Version: {version}`.\n\nEach resource is a method: `api.posts()`, `api.campaigns()`, …; each of their methods returns a [`crate::Call`] to send."));
        quote! {
            #doc
            #[cfg(feature = #feature)]
            // docs.rs (`--cfg docsrs`, see the crate's manifest) badges the module with its feature.
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            #deprecated
            pub mod #name {
                pub use super::super::#spec::*;

                #api_doc
                #[derive(Debug, Clone)]
                pub struct Api {
                    handle: crate::operation::Handle,
                }

                impl Api {
                    /// The `Linkedin-Version` this module sends.
                    pub const VERSION: &'static str = #version;

                    /// Bindings that send `Linkedin-Version: ` [`Api::VERSION`] through `client`.
                    /// Logs a warning through `tracing` when the version is within 60 days of its sunset.
                    pub fn new(client: crate::Client) -> Self {
                        crate::version::warn_if_near_sunset(crate::Version::#variant);
                        Self { handle: crate::operation::Handle::new(client, Self::VERSION) }
                    }

                    /// The client and version calls go through.
                    pub fn handle(&self) -> &crate::operation::Handle {
                        &self.handle
                    }

                    /// The client calls go through.
                    pub fn client(&self) -> &crate::Client {
                        self.handle.client()
                    }

                    super::super::#spec::api_resources!();
                }

                #test_util
            }
        }
    });
    quote! {
        //! One module per LinkedIn month. Sunset months are `#[deprecated]` with their sunset date.
        #(#modules)*
    }
}

/// `generated/version.rs`: the `Version` enum with release and sunset dates.
pub(super) fn version_enum(versions: &[Version<'_>]) -> TokenStream {
    let months: Vec<(&Version<'_>, &crate::registry::Month)> = versions
        .iter()
        .flat_map(|v| v.months.iter().map(move |m| (v, m)))
        .collect();
    let variants = months.iter().map(|(_, m)| {
        let v = format_ident!("V{}", m.version);
        let doc = format!(" `{}`", m.version);
        quote!(#[doc = #doc] #v,)
    });
    let all = months.iter().map(|(_, m)| format_ident!("V{}", m.version));
    let latest = months.last().map(|(_, m)| format_ident!("V{}", m.version));
    let arms =
        |f: &dyn Fn(&crate::registry::Month, &Version<'_>) -> TokenStream| -> Vec<TokenStream> {
            months
                .iter()
                .map(|(v, m)| {
                    let variant = format_ident!("V{}", m.version);
                    let value = f(m, v);
                    quote!(Version::#variant => #value,)
                })
                .collect()
        };
    let as_str = arms(&|m, _| {
        let s = &m.version;
        quote!(#s)
    });
    let released = arms(&|m, _| {
        let s = &m.released;
        quote!(#s)
    });
    let sunset = arms(&|m, _| {
        let (y, mo, d) = (&m.sunset[..4], &m.sunset[5..7], &m.sunset[8..]);
        let (y, mo, d): (u16, u8, u8) = (
            y.parse().unwrap_or(0),
            mo.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        );
        quote!(crate::version::Date::new(#y, #mo, #d))
    });
    let estimated = arms(&|m, _| {
        let e = m.sunset_estimated;
        quote!(#e)
    });
    let spec = arms(&|_, v| {
        let s = &v.api.version;
        quote!(#s)
    });
    let parse = months.iter().map(|(_, m)| {
        let variant = format_ident!("V{}", m.version);
        let s = &m.version;
        quote!(#s => Ok(Version::#variant),)
    });
    quote! {
        //! Every LinkedIn monthly version this crate knows, from `spec/versions.yaml`.

        /// A LinkedIn monthly version (`Linkedin-Version: YYYYMM`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Version {
            #(#variants)*
        }

        impl Version {
            /// Every version, oldest first.
            pub const ALL: &'static [Version] = &[#(Version::#all),*];

            /// The newest version.
            pub const LATEST: Version = Version::#latest;

            /// `YYYYMM`, as sent in `Linkedin-Version`.
            pub fn as_str(self) -> &'static str {
                match self { #(#as_str)* }
            }

            /// The release month, `YYYY-MM`.
            pub fn released(self) -> &'static str {
                match self { #(#released)* }
            }

            /// The day LinkedIn stops serving this version (answering 426).
            pub fn sunset(self) -> crate::version::Date {
                match self { #(#sunset)* }
            }

            /// `true` when LinkedIn has published no sunset date and [`Version::sunset`] is the
            /// usual release + 12 months.
            pub fn sunset_is_estimated(self) -> bool {
                match self { #(#estimated)* }
            }

            /// The spec (`spec/<spec>/openapi.yaml`) that describes this version.
            pub fn spec(self) -> &'static str {
                match self { #(#spec)* }
            }

            /// Whether LinkedIn still serves this version on `date`.
            pub fn is_supported(self, date: crate::version::Date) -> bool {
                date < self.sunset()
            }
        }

        impl std::fmt::Display for Version {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for Version {
            type Err = crate::version::UnknownVersion;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    #(#parse)*
                    other => Err(crate::version::UnknownVersion(other.to_owned())),
                }
            }
        }
    }
}
