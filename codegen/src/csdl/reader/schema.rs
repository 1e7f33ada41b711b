//! Reads a `Schema` and its type elements: `EntityType`, `ComplexType` (with `Key`, `Property`,
//! `NavigationProperty`), `EnumType` (with `Member`), `TypeDefinition` and `Term`.
//!
//! Every handler reads the attributes of its element first (they are only available until the
//! next element is opened), then its children; unknown children are skipped whole.

use super::events::{Elem, Parser};
use super::scratch::exact;
use crate::csdl::syntax::{
    Annotation, EnumMember, EnumType, NavigationProperty, OperationKind, Property, PropertyRef,
    Schema, StructuredKind, StructuredType, Term, TypeDefinition,
};

impl<'a> Parser<'a> {
    /// Reads a `Schema` element.
    pub(super) fn schema(&mut self, elem: Elem<'a>) -> Schema {
        let mut schema = Schema {
            namespace: self.required(&elem, "Namespace"),
            alias: self.string(&elem, "Alias"),
            pos: elem.pos,
            ..Schema::default()
        };
        while let Some(child) = self.child(&elem) {
            self.schema_child(&mut schema, child);
        }
        schema
    }

    /// Reads one child of a `Schema` into it.
    fn schema_child(&mut self, schema: &mut Schema, child: Elem<'a>) {
        match child.edm_name() {
            "EntityType" => {
                let ty = self.structured_type(child, StructuredKind::Entity);
                schema.structured_types.push(ty);
            }
            "ComplexType" => {
                let ty = self.structured_type(child, StructuredKind::Complex);
                schema.structured_types.push(ty);
            }
            "EnumType" => schema.enum_types.push(self.enum_type(child)),
            "TypeDefinition" => schema.type_definitions.push(self.type_definition(child)),
            "Action" => schema
                .operations
                .push(self.operation(child, OperationKind::Action)),
            "Function" => schema
                .operations
                .push(self.operation(child, OperationKind::Function)),
            "Term" => schema.terms.push(self.term(child)),
            "EntityContainer" => schema.entity_containers.push(self.entity_container(child)),
            "Annotations" => schema.annotation_blocks.push(self.annotations_block(child)),
            "Annotation" => schema.annotations.push(self.annotation(child)),
            _ => self.skip(&child),
        }
    }

    /// Reads an `EntityType` or `ComplexType`.
    fn structured_type(&mut self, elem: Elem<'a>, kind: StructuredKind) -> StructuredType {
        let mut ty = StructuredType {
            kind,
            name: self.required(&elem, "Name"),
            base_type: self.string(&elem, "BaseType"),
            is_abstract: self.bool_attr(&elem, "Abstract", false),
            open_type: self.bool_attr(&elem, "OpenType", false),
            has_stream: self.bool_attr(&elem, "HasStream", false),
            pos: elem.pos,
            ..StructuredType::default()
        };
        let mut properties = std::mem::take(&mut self.scratch.properties);
        let mut navigations = std::mem::take(&mut self.scratch.navigation_properties);
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "Key" if kind == StructuredKind::Entity => self.key(child, &mut ty.key),
                "Property" => properties.push(self.property(child)),
                "NavigationProperty" => navigations.push(self.navigation_property(child)),
                "Annotation" => ty.annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        ty.properties = exact(&mut properties);
        ty.navigation_properties = exact(&mut navigations);
        self.scratch.properties = properties;
        self.scratch.navigation_properties = navigations;
        ty
    }

    /// Reads the `PropertyRef`s of a `Key`.
    fn key(&mut self, elem: Elem<'a>, key: &mut Vec<PropertyRef>) {
        while let Some(child) = self.child(&elem) {
            if child.edm_name() == "PropertyRef" {
                key.push(PropertyRef {
                    name: self.required(&child, "Name"),
                    alias: self.string(&child, "Alias"),
                    pos: child.pos,
                });
            }
            self.skip(&child);
        }
    }

    /// Reads a structural `Property`.
    fn property(&mut self, elem: Elem<'a>) -> Property {
        // Field order matters: attributes first, then the children.
        Property {
            name: self.required(&elem, "Name"),
            ty: self.type_attr(&elem, "Type"),
            facets: self.facets(&elem),
            default_value: self.string(&elem, "DefaultValue"),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads a `NavigationProperty`.
    fn navigation_property(&mut self, elem: Elem<'a>) -> NavigationProperty {
        NavigationProperty {
            name: self.required(&elem, "Name"),
            ty: self.type_attr(&elem, "Type"),
            nullable: self.bool_attr(&elem, "Nullable", true),
            partner: self.string(&elem, "Partner"),
            contains_target: self.bool_attr(&elem, "ContainsTarget", false),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads an `EnumType` and its members.
    fn enum_type(&mut self, elem: Elem<'a>) -> EnumType {
        let mut ty = EnumType {
            name: self.required(&elem, "Name"),
            is_flags: self.bool_attr(&elem, "IsFlags", false),
            underlying_type: self.string(&elem, "UnderlyingType"),
            pos: elem.pos,
            ..EnumType::default()
        };
        let mut members = std::mem::take(&mut self.scratch.members);
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "Member" => members.push(self.enum_member(child)),
                "Annotation" => ty.annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        ty.members = exact(&mut members);
        self.scratch.members = members;
        ty
    }

    /// Reads an enumeration `Member`.
    fn enum_member(&mut self, elem: Elem<'a>) -> EnumMember {
        EnumMember {
            name: self.required(&elem, "Name"),
            value: self.i64_attr(&elem, "Value"),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads a `TypeDefinition`.
    fn type_definition(&mut self, elem: Elem<'a>) -> TypeDefinition {
        let name = self.required(&elem, "Name");
        let underlying_type = self.required(&elem, "UnderlyingType");
        let mut facets = self.facets(&elem);
        facets.nullable = true;
        TypeDefinition {
            name,
            underlying_type,
            facets,
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads a `Term` definition.
    fn term(&mut self, elem: Elem<'a>) -> Term {
        Term {
            name: self.required(&elem, "Name"),
            ty: self.type_attr(&elem, "Type"),
            base_term: self.string(&elem, "BaseTerm"),
            applies_to: self.string(&elem, "AppliesTo"),
            default_value: self.string(&elem, "DefaultValue"),
            facets: self.facets(&elem),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads the children of `elem`, keeping its `Annotation`s and skipping everything else.
    pub(super) fn annotation_children(&mut self, elem: &Elem<'a>) -> Vec<Annotation> {
        let mut annotations = Vec::new();
        while let Some(child) = self.child(elem) {
            if child.edm_name() == "Annotation" {
                annotations.push(self.annotation(child));
            } else {
                self.skip(&child);
            }
        }
        annotations
    }
}
