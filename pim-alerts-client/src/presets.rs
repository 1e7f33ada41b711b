//! Hand-written conveniences for this API family, on top of the generated builders: what the
//! metadata cannot say (the scope every list of alerts, alert definitions and alert
//! configurations of Microsoft Entra roles uses).

use crate::generated::{
    UnifiedRoleManagementAlertConfigurationListRequest,
    UnifiedRoleManagementAlertDefinitionListRequest, UnifiedRoleManagementAlertListRequest,
};

/// `directory_role_scope()` on a list request whose service requires the scope filter.
macro_rules! directory_role_scope {
    ($($request:ty, $what:literal, $collection:ident;)+) => {$(
        impl $request {
            #[doc = concat!(
                "The ", $what, " of Microsoft Entra roles for the whole tenant: \
                 `scopeId eq '/' and scopeType eq 'DirectoryRole'` (the service requires a \
                 scope filter).\n\n```\n# use pim_alerts_client::Client;\n\
                 # fn main() -> Result<(), pim_alerts_client::Error> {\n\
                 let client = Client::builder().bearer_token(\"token\").build()?;\n\
                 let list = client\n    .identity_governance()\n    .role_management_alerts()\n    .",
                stringify!($collection),
                "()\n    .list()\n    .directory_role_scope();\n# let _ = list;\n# Ok(())\n# }\n```"
            )]
            pub fn directory_role_scope(self) -> Self {
                self.scope_filter("/", "DirectoryRole")
            }
        }
    )+};
}

directory_role_scope! {
    UnifiedRoleManagementAlertListRequest, "alerts", alerts;
    UnifiedRoleManagementAlertDefinitionListRequest, "alert definitions", alert_definitions;
    UnifiedRoleManagementAlertConfigurationListRequest, "alert configurations", alert_configurations;
}
