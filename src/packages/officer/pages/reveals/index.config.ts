export default definePageConfig({ navigationBarTitleText: '查看完整号码的记录', enablePageMeta: true });
