/** GET /api/auth/config: whether the demo-account login (H5 and local work) is on. */
export interface AuthConfigResponse {
  devLogin: boolean;
}
