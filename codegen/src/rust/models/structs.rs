//! Structs for entity and complex types: an `Option` field per property (inherited ones
//! included, navigation properties after structural ones), `additional_properties`, the
//! `GraphObject` impl (`set_field` match, `visit_fields` list) and one-line serde impls.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::{doc_attrs, examples, odata_type_line};
use crate::model::{StructuredDef, TypeId, TypeUse};
use crate::rust::plan::{Plan, ident};

/// One struct field: JSON name, Rust name, field type and docs.
struct Field {
    json: String,
    rust: TokenStream,
    ty: TokenStream,
    doc: String,
}

/// The struct of type `id` and its impls.
pub(super) fn struct_items(plan: &Plan<'_>, id: TypeId) -> TokenStream {
    let Some(s) = plan.model().structured(id) else {
        return TokenStream::new();
    };
    let tp = plan.ty(id);
    let name = ident(tp.struct_name.as_deref().unwrap_or_default());
    let fields = fields(plan, id, s);
    let extra = ident(&tp.additional_field);
    let docs = doc_attrs(&struct_doc(plan, id, s));
    let decls = fields.iter().map(|f| {
        let (doc, rust, ty) = (doc_attrs(&f.doc), &f.rust, &f.ty);
        quote!(#doc pub #rust: Option<#ty>,)
    });
    let extra_doc = if s.open_type {
        " Undeclared (dynamic) properties, instance annotations and explicit `null`s."
    } else {
        " Undeclared properties, instance annotations and explicit `null`s."
    };
    let graph_object = graph_object_impl(plan, id, &name, &fields, &extra);
    let serde = serde_impls(plan, &name);
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#decls)*
            #[doc = #extra_doc]
            pub #extra: serde_json::Map<String, serde_json::Value>,
        }
        #graph_object
        #serde
    }
}

fn struct_doc(plan: &Plan<'_>, id: TypeId, s: &StructuredDef) -> String {
    let ty = plan.model().ty(id);
    let summary = match plan.ty(id).polymorphic {
        Some(_) => format!(
            "The properties of `{}` itself (see [`{}`]).",
            ty.qualified_name, ty.name.rust
        ),
        None => plan.type_summary(id),
    };
    let mut text = format!("{summary}\n\n{}", odata_type_line(plan, id));
    if s.open_type {
        text.push_str(" Open type: dynamic properties land in `additional_properties`.");
    }
    text.push_str(&examples::struct_example(plan, id, s));
    text
}

fn fields(plan: &Plan<'_>, id: TypeId, s: &StructuredDef) -> Vec<Field> {
    let props = s.properties.iter().map(|p| Field {
        json: p.name.csdl.clone(),
        rust: ident(&p.name.rust).into_token_stream(),
        ty: plan.field_type(id, &p.name.csdl, &p.ty),
        doc: plan.property_doc(p),
    });
    let navs = s.navigation_properties.iter().map(|n| {
        let ty: TypeUse = Plan::navigation_use(n);
        Field {
            json: n.name.csdl.clone(),
            rust: ident(&n.name.rust).into_token_stream(),
            ty: plan.field_type(id, &n.name.csdl, &ty),
            doc: plan.navigation_doc(n),
        }
    });
    props.chain(navs).collect()
}

fn graph_object_impl(
    plan: &Plan<'_>,
    id: TypeId,
    name: &proc_macro2::Ident,
    fields: &[Field],
    extra: &proc_macro2::Ident,
) -> TokenStream {
    let support = plan.support();
    let odata_type = plan.model().ty(id).odata_type();
    let write = plan.ty(id).write_odata_type;
    let namespaces = plan.item_path(&[], "NAMESPACES");
    let arms = fields.iter().map(|f| {
        let (json, rust) = (byte_string(&f.json), &f.rust);
        // `String` fields take a string or `null` in one step (see `support::object::string_field`).
        let decode = if f.ty.to_string() == "String" {
            quote!(string_field)
        } else {
            quote!(field)
        };
        quote!(#json => #support::object::#decode(&mut self.#rust, map),)
    });
    let (key, map) = if fields.is_empty() {
        (quote!(_key), quote!(_map))
    } else {
        (quote!(key), quote!(map))
    };
    let set_field_body = if fields.is_empty() {
        quote!(Ok(#support::object::Found::Unknown))
    } else {
        quote! {
            match key {
                #(#arms)*
                _ => Ok(#support::object::Found::Unknown),
            }
        }
    };
    let visit = visit_fields(&support, fields);
    quote! {
        impl #support::object::GraphObject for #name {
            const ODATA_TYPE: &'static str = #odata_type;
            const WRITE_ODATA_TYPE: bool = #write;
            const NAMESPACES: &'static [(&'static str, &'static str)] = #namespaces;

            #[inline]
            fn set_field<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                #key: &[u8],
                #map: &mut A,
            ) -> Result<#support::object::Found, A::Error> {
                #set_field_body
            }

            #visit

            fn additional_properties(&self) -> &serde_json::Map<String, serde_json::Value> {
                &self.#extra
            }

            fn additional_properties_mut(
                &mut self,
            ) -> &mut serde_json::Map<String, serde_json::Value> {
                &mut self.#extra
            }
        }
    }
}

/// A `b"..."` literal (keys are matched as raw bytes, see `support::object::RawKey`).
fn byte_string(text: &str) -> proc_macro2::Literal {
    proc_macro2::Literal::byte_string(text.as_bytes())
}

/// `visit_fields`: one call per field, the last one returned.
fn visit_fields(support: &TokenStream, fields: &[Field]) -> TokenStream {
    let Some((last, rest)) = fields.split_last() else {
        return quote! {
            fn visit_fields<V: #support::object::FieldVisitor>(
                &self,
                _: &mut V,
            ) -> Result<(), V::Error> {
                Ok(())
            }
        };
    };
    let calls = rest.iter().map(|f| {
        let (json, rust) = (&f.json, &f.rust);
        quote!(v.field(#json, &self.#rust)?;)
    });
    let (json, rust) = (&last.json, &last.rust);
    quote! {
        fn visit_fields<V: #support::object::FieldVisitor>(
            &self,
            v: &mut V,
        ) -> Result<(), V::Error> {
            #(#calls)*
            v.field(#json, &self.#rust)
        }
    }
}

fn serde_impls(plan: &Plan<'_>, name: &proc_macro2::Ident) -> TokenStream {
    let support = plan.support();
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #support::object::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #support::object::deserialize(deserializer)
            }
        }
    }
}
