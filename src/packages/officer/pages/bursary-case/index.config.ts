export default definePageConfig({ navigationBarTitleText: '审核助学申请', enablePageMeta: true });
