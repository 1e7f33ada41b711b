//! Setters of polymorphic enums (`set_is_enabled`), as the plan lists them: one per structural
//! property of the base type that a caller may change. Keys, `Core.Computed` and
//! `Core.Immutable` properties and navigation properties get none (the plan leaves them out:
//! they are not the caller's to change, and an update does not send them).
//!
//! A setter sets the field on every known variant and drops any entry of the same name from
//! its `additional_properties` (an explicit `null` received for it), so that the property
//! encodes as the value given, or not at all for `None`. On the catch-all it writes the member
//! of the raw object under its CSDL name, or removes it for `None`; every other member stays as
//! received. The plan says how ([`RawWrite`]): by `support::IntoJson`, the field's own JSON,
//! which cannot fail; or by `serde_json::to_value`, which can fail (so the setter returns its
//! `Result`) and, without serde_json's `arbitrary_precision`, turns an `Edm.Decimal` into the
//! nearest `f64` (the setter's doc says so).

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_attrs;
use crate::model::{PropertyDef, StructuredDef};
use crate::rust::plan::{Access, Plan, PolymorphicPlan, RawWrite, Setter, ident};

/// The setters of the enum of `s`, in the plan's order.
pub(super) fn setters(plan: &Plan<'_>, p: &PolymorphicPlan, s: &StructuredDef) -> Vec<TokenStream> {
    p.setters
        .iter()
        .filter_map(|setter| {
            Some(setter_fn(
                plan,
                p,
                s.properties.get(setter.property)?,
                setter,
            ))
        })
        .collect()
}

fn setter_fn(
    plan: &Plan<'_>,
    p: &PolymorphicPlan,
    prop: &PropertyDef,
    setter: &Setter,
) -> TokenStream {
    let support = plan.support();
    let (json, method) = (&prop.name.csdl, ident(&setter.method));
    let value_type = plan.rust_type(&prop.ty);
    let arms = variant_arms(plan, p, prop);
    let other = ident(&p.other);
    let doc = doc_attrs(&setter_doc(p, prop, setter));
    match setter.raw {
        RawWrite::Json => quote! {
            #doc
            pub fn #method(&mut self, value: Option<#value_type>) {
                match self {
                    #(#arms)*
                    Self::#other(raw) => #support::polymorphic::raw_set(
                        raw,
                        #json,
                        value.map(#support::IntoJson::into_json),
                    ),
                }
            }
        },
        RawWrite::Serialize => quote! {
            #doc
            pub fn #method(&mut self, value: Option<#value_type>) -> Result<(), serde_json::Error> {
                match self {
                    #(#arms)*
                    Self::#other(raw) => {
                        #support::polymorphic::raw_set_encoded(raw, #json, value.as_ref())?
                    }
                }
                Ok(())
            }
        },
    }
}

/// `Self::Variant(v) => { v.field = value; v.additional_properties.remove("json"); }` per
/// known variant (the value boxed where the variant's field is).
fn variant_arms<'a>(
    plan: &'a Plan<'_>,
    p: &'a PolymorphicPlan,
    prop: &'a PropertyDef,
) -> impl Iterator<Item = TokenStream> + 'a {
    let (field, json) = (ident(&prop.name.rust), &prop.name.csdl);
    p.variants.iter().map(move |v| {
        let (vname, extra) = (ident(&v.name), ident(&plan.ty(v.ty).additional_field));
        let value = if plan.is_boxed(v.ty, json) {
            quote!(value.map(Box::new))
        } else {
            quote!(value)
        };
        quote! {
            Self::#vname(v) => {
                v.#field = #value;
                v.#extra.remove(#json);
            }
        }
    })
}

fn setter_doc(p: &PolymorphicPlan, prop: &PropertyDef, setter: &Setter) -> String {
    let (json, accessor, other) = (&prop.name.csdl, &setter.accessor, &p.other);
    let read = match setter.access {
        Access::Str | Access::Bool => format!("`{accessor}()` reads it back."),
        Access::Ref => format!(
            "`{accessor}()` reads it back, except on [`Self::{other}`], where it answers `None`."
        ),
    };
    let mut doc = format!(
        "Sets `{json}` on any variant; `None` leaves it out of the JSON. {read}\n\n\
         On [`Self::{other}`] this writes the `{json}` member of the raw object, or removes it \
         for `None`; the other members stay as received."
    );
    doc.push_str(&match setter.raw {
        RawWrite::Json => " The member is the JSON the structs write for the value.".to_owned(),
        RawWrite::Serialize => format!(
            " The member is `serde_json::to_value` of the value. That is the JSON the structs \
             write, except for `Edm.Decimal` values (also inside a structured value): a \
             `serde_json::Value` holds the nearest `f64`, so `1.50` is written `1.5` and digits \
             beyond `f64` precision are rounded (a decimal in string form stays as given), as \
             for a decimal received on [`Self::{other}`].\n\n\
             # Errors\n\nOnly on [`Self::{other}`], if the value cannot be a \
             `serde_json::Value` (an `Edm.Decimal` out of `f64` range, such as `1e400`); the raw \
             object is then unchanged."
        ),
    });
    doc
}
