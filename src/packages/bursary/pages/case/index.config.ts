export default definePageConfig({ navigationBarTitleText: '我的助学申请', enablePageMeta: true });
