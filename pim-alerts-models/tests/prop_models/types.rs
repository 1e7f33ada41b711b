//! Strategies for every generated model type, one `object!` list of field strategies per
//! struct and one `prop_oneof!` per polymorphic enum (unknown derived types included).

use super::*;

pub(crate) fn definition() -> BoxedStrategy<UnifiedRoleManagementAlertDefinition> {
    object!(UnifiedRoleManagementAlertDefinition {
        id: text(),
        description: text(),
        display_name: text(),
        how_to_prevent: text(),
        is_configurable: any::<bool>(),
        is_remediatable: any::<bool>(),
        mitigation_steps: text(),
        scope_id: text(),
        scope_type: text(),
        security_impact: text(),
        severity_level: severity(),
    })
}

/// The properties every alert configuration has, then the type's own.
macro_rules! configuration {
    ($ty:ident { $($field:ident: $value:expr),* $(,)? }) => {
        object!($ty {
            id: text(), alert_definition_id: text(), is_enabled: any::<bool>(),
            scope_id: text(), scope_type: text(), alert_definition: definition(),
            $($field: $value),*
        })
    };
}

pub(crate) fn configuration() -> BoxedStrategy<UnifiedRoleManagementAlertConfiguration> {
    use UnifiedRoleManagementAlertConfiguration as C;
    prop_oneof![
        configuration!(InvalidLicenseAlertConfiguration {})
            .prop_map(C::InvalidLicenseAlertConfiguration),
        configuration!(NoMfaOnRoleActivationAlertConfiguration {})
            .prop_map(C::NoMfaOnRoleActivationAlertConfiguration),
        configuration!(RedundantAssignmentAlertConfiguration {
            duration: duration()
        })
        .prop_map(C::RedundantAssignmentAlertConfiguration),
        configuration!(RolesAssignedOutsidePrivilegedIdentityManagementAlertConfiguration {})
            .prop_map(C::RolesAssignedOutsidePrivilegedIdentityManagementAlertConfiguration),
        configuration!(SequentialActivationRenewalsAlertConfiguration {
            sequential_activation_counter_threshold: any::<i32>(),
            time_interval_between_activations: duration(),
        })
        .prop_map(C::SequentialActivationRenewalsAlertConfiguration),
        configuration!(StaleSignInAlertConfiguration {
            duration: duration()
        })
        .prop_map(C::StaleSignInAlertConfiguration),
        configuration!(TooManyGlobalAdminsAssignedToTenantAlertConfiguration {
            global_admin_count_threshold: any::<i32>(),
            percentage_of_global_admins_out_of_roles_threshold: any::<i32>(),
        })
        .prop_map(C::TooManyGlobalAdminsAssignedToTenantAlertConfiguration),
        unknown_type().prop_map(C::Other),
    ]
    .boxed()
}

pub(crate) fn incident() -> BoxedStrategy<UnifiedRoleManagementAlertIncident> {
    use UnifiedRoleManagementAlertIncident as I;
    prop_oneof![
        object!(InvalidLicenseAlertIncident {
            id: text(),
            tenant_license_status: text()
        })
        .prop_map(I::InvalidLicenseAlertIncident),
        object!(NoMfaOnRoleActivationAlertIncident {
            id: text(),
            role_display_name: text(),
            role_template_id: text(),
        })
        .prop_map(I::NoMfaOnRoleActivationAlertIncident),
        object!(RedundantAssignmentAlertIncident {
            id: text(),
            assignee_display_name: text(),
            assignee_id: text(),
            assignee_user_principal_name: text(),
            last_activation_date_time: date_time(),
            role_definition_id: text(),
            role_display_name: text(),
            role_template_id: text(),
        })
        .prop_map(I::RedundantAssignmentAlertIncident),
        object!(
            RolesAssignedOutsidePrivilegedIdentityManagementAlertIncident {
                id: text(),
                assignee_display_name: text(),
                assignee_id: text(),
                assignee_user_principal_name: text(),
                assignment_created_date_time: date_time(),
                role_definition_id: text(),
                role_display_name: text(),
                role_template_id: text(),
            }
        )
        .prop_map(I::RolesAssignedOutsidePrivilegedIdentityManagementAlertIncident),
        object!(SequentialActivationRenewalsAlertIncident {
            id: text(),
            activation_count: any::<i32>(),
            assignee_display_name: text(),
            assignee_id: text(),
            assignee_user_principal_name: text(),
            role_definition_id: text(),
            role_display_name: text(),
            role_template_id: text(),
            sequence_end_date_time: date_time(),
            sequence_start_date_time: date_time(),
        })
        .prop_map(I::SequentialActivationRenewalsAlertIncident),
        object!(StaleSignInAlertIncident {
            id: text(),
            assignee_display_name: text(),
            assignee_id: text(),
            assignee_user_principal_name: text(),
            assignment_created_date_time: date_time(),
            last_sign_in_date_time: date_time(),
            role_definition_id: text(),
            role_display_name: text(),
            role_template_id: text(),
        })
        .prop_map(I::StaleSignInAlertIncident),
        object!(TooManyGlobalAdminsAssignedToTenantAlertIncident {
            id: text(),
            assignee_display_name: text(),
            assignee_id: text(),
            assignee_user_principal_name: text(),
        })
        .prop_map(I::TooManyGlobalAdminsAssignedToTenantAlertIncident),
        unknown_type().prop_map(I::Other),
    ]
    .boxed()
}

pub(crate) fn alert() -> BoxedStrategy<UnifiedRoleManagementAlert> {
    object!(UnifiedRoleManagementAlert {
        id: text(),
        alert_definition_id: text(),
        incident_count: any::<i32>(),
        is_active: any::<bool>(),
        last_modified_date_time: date_time(),
        last_scanned_date_time: date_time(),
        scope_id: text(),
        scope_type: text(),
        alert_configuration: configuration(),
        alert_definition: definition(),
        alert_incidents: proptest::collection::vec(incident(), 0..3),
    })
}

pub(crate) fn alert_page() -> impl Strategy<Value = Page<UnifiedRoleManagementAlert>> {
    let links = (proptest::option::of(text()), proptest::option::of(text()));
    let control = proptest::collection::btree_map("@odata\\.[a-z]{1,8}", json(), 0..2);
    (
        proptest::collection::vec(alert(), 0..3),
        links,
        proptest::option::of(any::<i64>()),
        control,
    )
        .prop_map(|(value, (next_link, delta_link), count, control)| {
            let mut page = Page::new(value);
            page.next_link = next_link;
            page.delta_link = delta_link;
            page.count = count;
            page.additional_properties = control
                .into_iter()
                .filter(|(k, _)| {
                    !["@odata.nextLink", "@odata.deltaLink", "@odata.count"].contains(&k.as_str())
                })
                .collect();
            page
        })
}

/// Operation fields shared by the base and the derived type.
macro_rules! operation {
    ($ty:ident { $($field:ident: $value:expr),* $(,)? }) => {
        object!($ty {
            id: text(), created_date_time: date_time(), last_action_date_time: date_time(),
            resource_location: text(), status: status(), status_detail: text(),
            $($field: $value),*
        })
    };
}

pub(crate) fn operation() -> BoxedStrategy<LongRunningOperation> {
    let tagged_base = operation!(LongRunningOperationBase {}).prop_map(|mut base| {
        let tag = Value::String("#microsoft.graph.longRunningOperation".to_owned());
        base.additional_properties
            .insert("@odata.type".to_owned(), tag);
        LongRunningOperation::Base(base)
    });
    prop_oneof![
        operation!(LongRunningOperationBase {}).prop_map(LongRunningOperation::Base),
        tagged_base,
        operation!(RichLongRunningOperation {
            error: public_error(),
            percentage_complete: any::<i32>(),
            resource_id: text(),
        })
        .prop_map(LongRunningOperation::RichLongRunningOperation),
        unknown_type().prop_map(LongRunningOperation::Other),
    ]
    .boxed()
}

pub(crate) fn error_detail() -> BoxedStrategy<PublicErrorDetail> {
    object!(PublicErrorDetail {
        code: text(),
        message: text(),
        target: text()
    })
}

pub(crate) fn public_error() -> BoxedStrategy<PublicError> {
    let details = || proptest::collection::vec(error_detail(), 0..3);
    let inner = object!(PublicInnerError {
        code: text(),
        details: details(),
        message: text(),
        target: text(),
    });
    object!(PublicError {
        code: text(),
        details: details(),
        inner_error: inner,
        message: text(),
        target: text(),
    })
}

/// Zero or one value of `strategy`.
pub(crate) fn few<T: Debug>(strategy: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    proptest::collection::vec(strategy, 0..2)
}

pub(crate) fn role_management_alert() -> BoxedStrategy<RoleManagementAlert> {
    object!(RoleManagementAlert {
        id: text(),
        alert_configurations: few(configuration()),
        alert_definitions: few(definition()),
        alerts: few(alert()),
        operations: few(operation()),
    })
}

pub(crate) fn identity_governance() -> BoxedStrategy<IdentityGovernance> {
    object!(IdentityGovernance {
        role_management_alerts: role_management_alert()
    })
}
