//! The `filter.rs` file: per type a struct of typed `$filter` property handles (the methods on
//! the handles live in the runtime's `filter` module), and the literal impls of enum types.

use proc_macro2::TokenStream;
use quote::quote;

use super::filter_plan::{FilterSegment, FilterStruct, FilterValue};
use super::{Cx, doc_attrs, file_doc, rt};
use crate::model::{Primitive, TypeTarget};
use crate::rust::plan::ident;

/// The `filter.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc(
        "Typed `$filter` property handles, one struct per type; see\n\
         [`runtime::filter`](crate::runtime::filter) for the operators.",
    );
    let structs = cx.tree.filters.structs.iter().map(|s| filter_struct(cx, s));
    let literal = rt("Literal");
    let enums = cx.tree.literal_enums.iter().copied().map(|id| {
        let ty = cx.plan.element_type(TypeTarget::Defined(id));
        quote! {
            impl #literal for #ty {
                fn write_literal(&self, out: &mut String) {
                    crate::runtime::literal::write_enum(self, out);
                }
            }
        }
    });
    quote! {
        #docs
        #(#structs)*
        #(#enums)*
    }
}

fn filter_struct(cx: &Cx<'_>, s: &FilterStruct) -> TokenStream {
    let model = cx.plan.model();
    let qualified = &model.ty(s.ty).qualified_name;
    let name = ident(&s.name);
    let root = cx.entity(s.ty);
    let doc = doc_attrs(&format!(
        "Typed `$filter` handles of `{qualified}` properties.\n\n\
         `R` is the type the whole filter applies to (the listed items): this type when the\n\
         filter starts here, the listed type when reached through a navigation property."
    ));
    let path = quote!(crate::runtime::filter::Path<R>);
    let properties = s.properties.iter().map(|p| {
        let (csdl, method) = (&p.csdl, ident(&p.method));
        let value = value_type(cx, p.value);
        let doc = doc_attrs(&match &p.description {
            Some(d) => format!("`{csdl}`: {d}"),
            None => format!("`{csdl}`."),
        });
        quote! {
            #doc
            pub fn #method(&self) -> crate::runtime::filter::Property<R, #value> {
                self.path.property(#csdl)
            }
        }
    });
    let segments = s.segments.iter().map(|seg| segment(cx, seg, "through"));
    let casts = s.casts.iter().map(|seg| segment(cx, seg, "cast to"));
    quote! {
        #doc
        pub struct #name<R = #root> {
            path: #path,
        }

        impl<R> #name<R> {
            #(#properties)*
            #(#segments)*
            #(#casts)*
        }

        impl #name {
            /// Handles on the listed type itself.
            pub fn new() -> Self {
                #name { path: crate::runtime::filter::Path::root() }
            }
        }

        impl Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }
    }
}

/// A method one path segment deeper (navigation, complex property or type cast).
fn segment(cx: &Cx<'_>, seg: &FilterSegment, how: &str) -> TokenStream {
    let target = cx.tree.filters.of(seg.target).map(|t| ident(&t.name));
    let Some(target) = target else {
        return TokenStream::new();
    };
    let method = ident(&seg.method);
    let csdl = &seg.segment;
    let doc = format!(" Properties {how} `{csdl}`.");
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> #target<R> {
            #target { path: self.path.segment(#csdl) }
        }
    }
}

/// The Rust value type a handle compares with (see the runtime's `literal` module): the models'
/// type, except that numbers compare with plain Rust numbers.
fn value_type(cx: &Cx<'_>, value: FilterValue) -> TokenStream {
    match value {
        FilterValue::Enum(id) | FilterValue::Flags(id) => {
            cx.plan.element_type(TypeTarget::Defined(id))
        }
        FilterValue::Primitive(Primitive::Int64) => quote!(i64),
        FilterValue::Primitive(Primitive::Double) => quote!(f64),
        FilterValue::Primitive(Primitive::Single) => quote!(f32),
        FilterValue::Primitive(p) => cx.plan.primitive_type(p),
    }
}
