export default definePageConfig({ navigationBarTitleText: '录入成绩', enablePageMeta: true });
