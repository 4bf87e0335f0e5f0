import type { AttachmentSource } from '../../core/files/attachments';
import { aidAttachments } from '../../core/aid/attachments';
import { bursaryAttachments } from '../../core/bursary/attachments';

/**
 * Every program whose records hold uploaded files (cloud/core/files/attachments.ts): a program
 * that attaches files adds its source here, and the files function then lets that program's
 * readers read them and keeps them from the loose-upload sweep.
 */
export const ATTACHMENT_SOURCES: readonly AttachmentSource[] = [aidAttachments, bursaryAttachments];
