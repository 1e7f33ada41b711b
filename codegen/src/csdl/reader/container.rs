//! Reads operations (`Action`, `Function` with `Parameter` and `ReturnType`) and the
//! `EntityContainer` (`EntitySet`, `Singleton`, `NavigationPropertyBinding`, `ActionImport`,
//! `FunctionImport`).

use super::events::{Elem, Parser};
use super::scratch::exact;
use crate::csdl::syntax::{
    EntityContainer, EntitySet, NavigationPropertyBinding, Operation, OperationImport,
    OperationKind, Parameter, ReturnType, Singleton,
};

impl<'a> Parser<'a> {
    /// Reads an `Action` or `Function`; a bound one must have its binding parameter.
    pub(super) fn operation(&mut self, elem: Elem<'a>, kind: OperationKind) -> Operation {
        let mut op = Operation {
            kind,
            name: self.required(&elem, "Name"),
            is_bound: self.bool_attr(&elem, "IsBound", false),
            is_composable: self.bool_attr(&elem, "IsComposable", false),
            entity_set_path: self.string(&elem, "EntitySetPath"),
            pos: elem.pos,
            ..Operation::default()
        };
        let mut parameters = std::mem::take(&mut self.scratch.parameters);
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "Parameter" => parameters.push(self.parameter(child)),
                "ReturnType" => op.return_type = Some(self.return_type(child)),
                "Annotation" => op.annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        op.parameters = exact(&mut parameters);
        self.scratch.parameters = parameters;
        if op.is_bound && op.parameters.is_empty() {
            let what = elem.local.to_ascii_lowercase();
            let message = format!(
                "bound {what} `{}` (IsBound=\"true\") has no parameter: the first parameter must be the binding parameter",
                op.name
            );
            self.error(elem.pos, message);
        }
        op
    }

    /// Reads an operation `Parameter`.
    fn parameter(&mut self, elem: Elem<'a>) -> Parameter {
        Parameter {
            name: self.required(&elem, "Name"),
            ty: self.type_attr(&elem, "Type"),
            facets: self.facets(&elem),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads a `ReturnType` (its annotations are skipped: the syntax has no place for them).
    fn return_type(&mut self, elem: Elem<'a>) -> ReturnType {
        let return_type = ReturnType {
            ty: self.type_attr(&elem, "Type"),
            facets: self.facets(&elem),
            pos: elem.pos,
        };
        self.skip(&elem);
        return_type
    }

    /// Reads an `EntityContainer`.
    pub(super) fn entity_container(&mut self, elem: Elem<'a>) -> EntityContainer {
        let mut container = EntityContainer {
            name: self.required(&elem, "Name"),
            extends: self.string(&elem, "Extends"),
            pos: elem.pos,
            ..EntityContainer::default()
        };
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "EntitySet" => container.entity_sets.push(self.entity_set(child)),
                "Singleton" => container.singletons.push(self.singleton(child)),
                "ActionImport" => container
                    .action_imports
                    .push(self.operation_import(child, "Action", false)),
                "FunctionImport" => container
                    .function_imports
                    .push(self.operation_import(child, "Function", false)),
                "Annotation" => container.annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        container
    }

    /// Reads an `EntitySet`.
    fn entity_set(&mut self, elem: Elem<'a>) -> EntitySet {
        let mut set = EntitySet {
            name: self.required(&elem, "Name"),
            entity_type: self.required(&elem, "EntityType"),
            include_in_service_document: self.bool_attr(&elem, "IncludeInServiceDocument", true),
            navigation_property_bindings: Vec::new(),
            annotations: Vec::new(),
            pos: elem.pos,
        };
        let (bindings, annotations) = self.bindings_and_annotations(&elem);
        set.navigation_property_bindings = bindings;
        set.annotations = annotations;
        set
    }

    /// Reads a `Singleton`.
    fn singleton(&mut self, elem: Elem<'a>) -> Singleton {
        let mut singleton = Singleton {
            name: self.required(&elem, "Name"),
            ty: self.required(&elem, "Type"),
            pos: elem.pos,
            ..Singleton::default()
        };
        let (bindings, annotations) = self.bindings_and_annotations(&elem);
        singleton.navigation_property_bindings = bindings;
        singleton.annotations = annotations;
        singleton
    }

    /// Reads the `NavigationPropertyBinding` and `Annotation` children of a set or singleton.
    fn bindings_and_annotations(
        &mut self,
        elem: &Elem<'a>,
    ) -> (
        Vec<NavigationPropertyBinding>,
        Vec<crate::csdl::syntax::Annotation>,
    ) {
        let mut bindings = Vec::new();
        let mut annotations = Vec::new();
        while let Some(child) = self.child(elem) {
            match child.edm_name() {
                "NavigationPropertyBinding" => {
                    bindings.push(NavigationPropertyBinding {
                        path: self.required(&child, "Path"),
                        target: self.required(&child, "Target"),
                        pos: child.pos,
                    });
                    self.skip(&child);
                }
                "Annotation" => annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        (bindings, annotations)
    }

    /// Reads an `ActionImport` (`operation_attr` = `Action`) or `FunctionImport` (`Function`).
    fn operation_import(
        &mut self,
        elem: Elem<'a>,
        operation_attr: &str,
        include_default: bool,
    ) -> OperationImport {
        OperationImport {
            name: self.required(&elem, "Name"),
            operation: self.required(&elem, operation_attr),
            entity_set: self.string(&elem, "EntitySet"),
            include_in_service_document: self.bool_attr(
                &elem,
                "IncludeInServiceDocument",
                include_default,
            ),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }
}
