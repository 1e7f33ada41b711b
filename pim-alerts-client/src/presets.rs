//! Hand-written conveniences for this API family, on top of the generated builders: what the
//! metadata cannot say (the scope every alert list of Microsoft Entra roles uses).

use crate::generated::UnifiedRoleManagementAlertListRequest;

impl UnifiedRoleManagementAlertListRequest {
    /// Alerts of Microsoft Entra roles for the whole tenant:
    /// `scopeId eq '/' and scopeType eq 'DirectoryRole'` (the service requires a scope filter).
    ///
    /// ```
    /// # use pim_alerts_client::Client;
    /// # fn main() -> Result<(), pim_alerts_client::Error> {
    /// let client = Client::builder().bearer_token("token").build()?;
    /// let alerts = client
    ///     .identity_governance()
    ///     .role_management_alerts()
    ///     .alerts()
    ///     .list()
    ///     .directory_role_scope();
    /// # let _ = alerts;
    /// # Ok(())
    /// # }
    /// ```
    pub fn directory_role_scope(self) -> Self {
        self.scope_filter("/", "DirectoryRole")
    }
}
