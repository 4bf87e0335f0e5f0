export default definePageConfig({ navigationBarTitleText: '现场签到大屏', enablePageMeta: true });
