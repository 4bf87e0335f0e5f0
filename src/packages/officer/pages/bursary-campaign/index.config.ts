export default definePageConfig({ navigationBarTitleText: '金秋助学设置', enablePageMeta: true });
