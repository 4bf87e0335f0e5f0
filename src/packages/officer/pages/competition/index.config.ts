export default definePageConfig({ navigationBarTitleText: '劳动竞赛', enablePageMeta: true });
