/** Evidence uploads (photos of documents, PDFs): typed by content, at most 5 MB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const ALLOWED_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export interface UploadedFileView {
  id: string;
  contentType: (typeof ALLOWED_UPLOAD_TYPES)[number];
  size: number;
  createdAt: string;
}
