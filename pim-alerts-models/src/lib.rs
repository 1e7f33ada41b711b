//! Typed serde models for the Microsoft Graph beta PIM security alerts API.
//!
//! The models (structs for entity and complex types, enums for polymorphic types and enum
//! types) are generated from the service's CSDL into `src/generated/`; [`support`] is the
//! small hand-written runtime they build on: Edm primitive types ([`support::edm`]),
//! collection pages ([`Page`]), `@odata.type` dispatch and JSON entry points whose errors
//! carry the JSON path ([`from_slice`], [`DecodeError`]).
//!
//! Every struct keeps unknown properties, instance annotations and explicit `null`s in
//! `additional_properties`, so decoding then encoding loses nothing.

#![deny(missing_docs)]

pub mod support;

pub use support::{DecodeError, Flags, Page, from_slice, from_str, to_string, to_vec};

mod generated;

pub use generated::*;
