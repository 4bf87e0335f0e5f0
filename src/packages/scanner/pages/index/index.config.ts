export default definePageConfig({ navigationBarTitleText: '扫码验票', enablePageMeta: true });
