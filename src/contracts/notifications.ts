/** In-app message centre (消息): the reliable channel; WeChat subscription messages are extra. */
export interface NotificationView {
  id: string;
  title: string;
  body: string;
  /** mini-app page to open, e.g. /packages/aid/pages/case/index?id=… */
  link: string | null;
  read: boolean;
  createdAt: string;
}
export interface NotificationListResponse {
  items: NotificationView[];
  unread: number;
}
/** GET /api/notifications/unread: the count shown on the 消息 tab and on 首页. */
export interface UnreadCountResponse {
  unread: number;
}
