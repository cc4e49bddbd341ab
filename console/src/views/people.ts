/**
 * People by name: the name recorded with what they did; where none was (a sign-in without one), the capacity they
 * acted in — never their sign-in subject, which is an id.
 */
import { LABELS } from '../../../shared/domain/labels.js';

export const personOf = (name: string | null | undefined, role?: keyof typeof LABELS.roles) =>
  name || (role ? LABELS.roles[role] : 'Người dùng');
/** A person and the capacity they acted in: "Nguyễn Văn An (Thẩm định viên)", or the capacity alone. */
export const personIn = (name: string | null | undefined, role: keyof typeof LABELS.roles) =>
  name ? `${name} (${LABELS.roles[role]})` : LABELS.roles[role];
