export default definePageConfig({ navigationBarTitleText: '实名信息修改确认', enablePageMeta: true });
