// The renderer's view of the domain: the shared types, re-exported for the features.
export type {
  AuditEntry,
  AuditRange,
  AuditVerification,
  CredentialView,
  EnvironmentKind,
  EnvironmentView,
  PendingRegistration,
  TokenState,
  TokenStatus,
} from '@shared/domain';
