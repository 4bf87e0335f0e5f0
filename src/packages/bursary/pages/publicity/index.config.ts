export default definePageConfig({ navigationBarTitleText: '助学公示', enablePageMeta: true });
