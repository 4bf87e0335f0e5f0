export default definePageConfig({ navigationBarTitleText: '申请金秋助学', enablePageMeta: true });
