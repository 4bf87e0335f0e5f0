export default definePageConfig({ navigationBarTitleText: '工会干部工作台', enablePageMeta: true });
