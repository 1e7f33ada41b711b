//! Any bytes decoded as a page of alerts (expanded definitions, configurations and incidents
//! inside): decoding never panics, and whatever decodes re-encodes to a stable, decodable form.
#![no_main]

use libfuzzer_sys::fuzz_target;

use pim_alerts_models::{Page, UnifiedRoleManagementAlert};

fuzz_target!(|data: &[u8]| {
    pim_alerts_fuzz::json_round_trip::<Page<UnifiedRoleManagementAlert>>(data);
});
