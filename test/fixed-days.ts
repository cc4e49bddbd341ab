/** The days the tests stand on, whatever today is. */

/** 20/11/2026 10:00 in Hải Phòng: 2026 open for reports, 2024 and 2025 final. The integration tests' store is seeded as on this day. */
export const OPEN_2026 = '2026-11-20T03:00:00Z';
