export default definePageConfig({ navigationBarTitleText: '入场券', enablePageMeta: true });
