export default definePageConfig({ navigationBarTitleText: '5.1服务卡', enablePageMeta: true });
